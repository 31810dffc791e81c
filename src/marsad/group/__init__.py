"""Events and stories: article features, online event clustering, story linking."""

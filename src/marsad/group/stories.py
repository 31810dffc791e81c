"""Stories: events linked by topic and actors across time (placeholder: one story per event)."""

from __future__ import annotations

from dataclasses import dataclass, field

from marsad.group.events import Event
from marsad.group.features import ArticleFeatures


@dataclass
class Story:
    id: str
    title: str | None = None
    events: list[str] = field(default_factory=list)


class StoryIndex:
    def __init__(self) -> None:
        self.stories: dict[str, Story] = {}
        self.event_story: dict[str, str] = {}

    def update(self, event: Event, new: bool, f: ArticleFeatures) -> str:
        if new:
            sid = "st-" + event.id[3:]
            self.stories[sid] = Story(sid, event.title(), [event.id])
            self.event_story[event.id] = sid
        return self.event_story[event.id]

    def merge_events(self, gone: str, kept: str, event: Event) -> None:
        sid = self.event_story.pop(gone)
        self.stories[sid].events.remove(gone)
        if not self.stories[sid].events:
            del self.stories[sid]

    def story_of(self, event_id: str) -> str | None:
        return self.event_story.get(event_id)

    def timeline(self, sid: str, events: dict[str, Event]) -> list[str]:
        return sorted(self.stories[sid].events, key=lambda e: (events[e].date() or "", e))

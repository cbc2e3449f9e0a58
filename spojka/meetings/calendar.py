"""iCalendar (RFC 5545) for meetings: the invitation attachment and a unit's feed."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone
from icalendar import Calendar, Event

from spojka.lib.urls import absolute_url
from spojka.meetings.models import Meeting, MeetingState

PRODID = "-//Spojka//Jednání//CS"


def meeting_uid(meeting: Meeting) -> str:
    # Stable across changes, so a calendar updates the event instead of adding a second one.
    return f"jednani-{meeting.pk}@spojka"


def _event(meeting: Meeting) -> Event:
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("summary", meeting.title)
    if meeting.place:
        event.add("location", meeting.place)
    url = absolute_url(meeting.get_absolute_url())
    event.add("url", url)
    description = [url]
    if meeting.online_link:
        description.insert(0, meeting.online_link)
    event.add("description", "\n".join(description))
    event.add("status", "CANCELLED" if meeting.state == MeetingState.CANCELLED else "CONFIRMED")
    # Each save bumps the sequence, so a changed meeting replaces the earlier invitation.
    event.add("sequence", int(meeting.updated_at.timestamp()) if meeting.updated_at else 0)
    return event


def _calendar(meetings: Iterable[Meeting], *, name: str, method: str | None = None) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    if method:
        calendar.add("method", method)
    for meeting in meetings:
        calendar.add_component(_event(meeting))
    return calendar.to_ical()


def meeting_invitation_ics(meeting: Meeting) -> bytes:
    return _calendar([meeting], name=meeting.title, method="REQUEST")


def meeting_ics(meeting: Meeting) -> bytes:
    """One meeting to save into a calendar by hand (no METHOD: not an invitation to answer)."""
    return _calendar([meeting], name=meeting.title)


def unit_feed_ics(unit, meetings: Iterable[Meeting]) -> bytes:
    return _calendar(meetings, name=f"Jednání – {unit.name}")

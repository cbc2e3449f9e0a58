"""Weekly agency digests (run by cron once a week, e.g. on Monday; a rerun in the same week sends nothing twice)."""

from __future__ import annotations

from datetime import date

from spojka.agency.digest import send_agency_digests
from spojka.lib.commands import DayCommand


class Command(DayCommand):
    help = "Pošle konzultantům a administrátorům agentury týdenní přehled končících spoluprací, nově neplněných pravidel a plánů."

    def run_for(self, today: date) -> str:
        sent, skipped = send_agency_digests(today=today)
        return f"Odesláno přehledů: {sent}, přeskočeno: {skipped}."

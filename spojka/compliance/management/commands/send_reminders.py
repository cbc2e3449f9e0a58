"""Daily reminder digests (run by cron once a day; running it twice the same day sends nothing twice)."""

from __future__ import annotations

from datetime import date

from spojka.compliance.reminders import send_reminders
from spojka.lib.commands import DayCommand


class Command(DayCommand):
    help = "Pošle odpovědným osobám denní přehled termínů, ohrožených pravidel, úkolů a jednání k uzavření."

    def run_for(self, today: date) -> str:
        sent, skipped = send_reminders(today=today)
        return f"Odesláno přehledů: {sent}, již dnes odeslaných: {skipped}."

"""The official documents Spojka generates: the cooperation description and the annual report.

Each document has one context builder producing plain dicts and strings (Czech typography already
applied), and the same context fills both the PDF (HTML template) and the DOCX (Word template).
Plain data, not model objects, goes into the DOCX context: units may upload their own templates,
and a template must be able to read data, never call methods on the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from spojka.cooperation.models import CooperationDescription, KeyRole, TerritorialUnit, UnitKind
from spojka.cooperation.validity import IN_FORCE_STATUSES, validity_on
from spojka.documents.models import DocumentSettings, TemplateKind
from spojka.documents.render import DocumentSpec, RenderedDocument, register, render
from spojka.lib.czech import HODINA, count, date_long, sorted_czech, typography
from spojka.partnership.models import OrganisationCategory
from spojka.reports import sources

DOCX_TEMPLATES = Path(__file__).resolve().parent / "docx_templates"
NO_SCHEDULE = "harmonogram zatím není zadán"
# The roles the standard form names in its header, in its order and with its wording.
HEADER_ROLES = (
    (KeyRole.REPRESENTATIVE, _lazy("Pověřený zástupce územního celku pro sociální začleňování")),
    (KeyRole.INCLUSION_MANAGER, _lazy("Manažer sociálního začleňování")),
    (KeyRole.AGENCY_REGIONAL_HEAD, _lazy("Vedoucí regionálního pracoviště ASZ")),
)


def t(text: str | None) -> str:
    """Czech typography for a generated text; empty stays empty."""
    return typography(str(text)) if text else ""


def _unit_context(unit: TerritorialUnit) -> dict:
    return {
        "name": t(unit.name),
        "seat": t(unit.seat_address),
        "ico": unit.ico,
        "kind": unit.get_kind_display(),
    }


def _join_czech(items: list[str]) -> str:
    """Join as "A, B a C": the last two by "a"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " a " + items[-1]


def _validity_text(d: CooperationDescription) -> str:
    if not d.valid_from:
        return _("Doba platnosti zatím není stanovena.")
    years = d.validity_years
    period = _("od %(start)s do %(end)s") % {
        "start": date_long(d.valid_from),
        "end": date_long(d.valid_to) if d.valid_to else _("odvolání"),
    }
    if years and years < 5:
        return t(
            _("Doba platnosti popisu spolupráce je %(n)s %(word)s (%(period)s).")
            % {"n": years, "word": _("rok") if years == 1 else _("roky"), "period": period}
        )
    return t(_("Popis spolupráce platí %(period)s.") % {"period": period})


def _commitment_text(d: CooperationDescription) -> str:
    text = _(
        "Územní celek se v průběhu platnosti popisu spolupráce podílí na dosahování povinných výstupů "
        "projektu %(project)s"
    ) % {"project": d.project_name or _("agentury")}
    if d.project_registration_number:
        text += _(", reg. č. %(number)s") % {"number": d.project_registration_number}
    programme = _programme(d)
    if programme:
        text += _(", financovaného z %(programme)s") % {"programme": programme}
    text += _(", a to až do doby ukončení realizace tohoto projektu")
    if d.training_total_hours:
        text += _(
            ", a zavazuje se k podpoře plnění povinných indikátorů projektu formou uvolnění vybraných "
            "pracovníků pro účast na vzdělávacích aktivitách v tematických oblastech sociálního "
            "začleňování v celkovém rozsahu %(total)s"
        ) % {"total": count(d.training_total_hours, HODINA)}
        if d.training_max_distance_hours is not None:
            text += _(" (z nichž může být max. %(distance)s dosaženo distanční formou)") % {
                "distance": count(d.training_max_distance_hours, HODINA)
            }
    return t(text + ".")


# Registration numbers of EU-funded projects start with the programme's code.
PROGRAMMES = {
    "CZ.03.": _lazy("Operačního programu Zaměstnanost"),
    "CZ.03.0": _lazy("Operačního programu Zaměstnanost plus"),
}


def _programme(d: CooperationDescription) -> str:
    number = d.project_registration_number or ""
    matches = [code for code in PROGRAMMES if number.startswith(code)]
    return str(PROGRAMMES[max(matches, key=len)]) if matches else ""


def _guarantee_text(d: CooperationDescription) -> str:
    """The standard statement that the agency guarantees the scope of support for the project's life."""
    project = d.project_name or _("projektu agentury")
    text = _(
        "ASZ je realizátorem projektu %(project)s a rozsah podpory, který stanovuje popis spolupráce, "
        "je garantován po dobu realizace tohoto projektu."
    ) % {"project": project}
    return t(text)


def _programme_period_text(note: str) -> str:
    """The programme-period note as a sentence: a bare noun phrase gets its verb ("Jedná se o …")."""
    note = (note or "").strip()
    if not note:
        return ""
    if re.match(r"(?i)přechodné období\b", note):
        note = _("Jedná se o %(rest)s") % {"rest": note[0].lower() + note[1:]}
    return t(note if note.endswith(".") else note + ".")


def _signature_place(place: str, fallback: str) -> str:
    """ "V Jihlavě": the unit's setting in the locative; the description's bare place otherwise."""
    return t(place or fallback)


def _lp_stance_text(d: CooperationDescription) -> str:
    if not d.lp_discussed_on:
        return _("Návrh popisu spolupráce zatím nebyl v lokálním partnerství projednán.")
    text = _("Návrh popisu spolupráce byl projednán na jednání %(date)s") % {
        "date": date_long(d.lp_discussed_on)
    }
    if d.lp_outcome == "consensus":
        text += _(" a byl konsenzuálně přijat")
    elif d.lp_outcome == "vote":
        text += _(" a byl přijat hlasováním (%(f)s pro, %(a)s proti, %(z)s se zdrželo)") % {
            "f": d.lp_votes_for or 0,
            "a": d.lp_votes_against or 0,
            "z": d.lp_votes_abstained or 0,
        }
    elif d.lp_outcome == "rejected":
        text += _(" a nebyl přijat")
    return t(text + ".")


def _role_value(assignment) -> str:
    """Who holds a role, as the standard form writes it; a vacancy says who stands in, once."""
    if not assignment.is_vacant:
        return t(assignment.holder_display)
    substitute = assignment.substitute.strip()
    # "zajištěn zástupem" and the like only repeat that there is a substitute: say it once.
    if not substitute or re.match(r"(?i)(zajištěn|zajištěna|zajištěno)\b.*zástup", substitute):
        return t(_("Zástup (samotná pozice aktuálně není obsazena)"))
    return t(_("Zástup: %(who)s (samotná pozice aktuálně není obsazena)") % {"who": substitute})


def _roles(unit: TerritorialUnit, today: date) -> list[dict]:
    current = {r.role: r for r in unit.role_assignments.all() if r.is_current(today)}
    return [
        {"label": t(str(label)), "value": _role_value(current[role]) if role in current else ""}
        for role, label in HEADER_ROLES
    ]


# How the composition sentence names each category of members (genitive plural: "zástupci …").
MEMBER_GROUPS = (
    (OrganisationCategory.CITY_DEPARTMENT, _lazy("územního celku")),
    (OrganisationCategory.PUBLIC_INSTITUTION, _lazy("veřejných institucí")),
    (OrganisationCategory.NGO, _lazy("neziskových organizací")),
    (OrganisationCategory.AGENCY, _lazy("agentury")),
    (OrganisationCategory.OTHER, _lazy("dalších organizací")),
)


def _member_label(organisation) -> str:
    """A city department is named by its part after the dash ("Magistrát … – sociální odbor")."""
    name = organisation.name
    if organisation.category == OrganisationCategory.CITY_DEPARTMENT and " – " in name:
        return name.split(" – ", 1)[1]
    return name


def lp_members(unit: TerritorialUnit, on: date) -> list[dict]:
    """The LP plenary's member institutions on ``on``, by category, each list in Czech order."""
    seats = (
        unit.partnership_members.filter(working_group__isnull=True, valid_from__lte=on)
        .exclude(valid_to__lt=on)
        .select_related("organisation")
    )
    by_category: dict[str, set[str]] = {}
    for seat in seats:
        by_category.setdefault(seat.organisation.category, set()).add(_member_label(seat.organisation))
    groups = []
    for category, label in MEMBER_GROUPS:
        names = by_category.get(category)
        if names:
            groups.append({"label": str(label), "members": [t(m) for m in sorted_czech(names)]})
    return groups


def _members_text(groups: list[dict], unit: TerritorialUnit) -> str:
    if not groups:
        return ""
    city = _("města") if unit.kind in (UnitKind.TOWN, UnitKind.STATUTORY_CITY) else None
    parts = [
        f"{city if city and g['label'] == str(MEMBER_GROUPS[0][1]) else g['label']} ({', '.join(g['members'])})"
        for g in groups
    ]
    return t(_("Členy LP jsou zástupci %(groups)s.") % {"groups": _join_czech(parts)})


# Explanations of the roles and steps the form names (the standard form gives them as footnotes).
NOTES = (
    _lazy("Sídlem obce se rozumí sídlo obecního úřadu."),
    _lazy(
        "Pověřený zástupce územního celku pro sociální začleňování zastupuje politickou reprezentaci "
        "obce (kraje) nebo plní obdobnou funkci. Odpovídá za nastavení, průběh a výsledky spolupráce "
        "s ASZ, předkládá materiály orgánům územního celku a odpovídá za realizaci popisu spolupráce, "
        "plánu sociálního začleňování a partnerství."
    ),
    _lazy(
        "Manažer sociálního začleňování je kontaktní osobou, zpravidla výkonným pracovníkem územního "
        "celku. Zajišťuje koordinaci a činnost partnerství, součinnost orgánů a složek územního celku, "
        "dokumentaci procesu, věcnou realizaci činností, přípravu výstupů a spolupráci s ASZ."
    ),
    _lazy(
        "Popis spolupráce schvaluje zastupitelstvo obce, nebo orgán územního celku, který plní obdobnou "
        "funkci jako zastupitelstvo obce."
    ),
)


def description_context(description: CooperationDescription, *, today: date | None = None) -> dict:
    """Everything the standard form of a cooperation description shows, in its order."""
    today = today or timezone.localdate()
    d, unit = description, description.unit
    areas = list(d.thematic_areas.all())
    rows = [row.as_context() for row in sources.schedule_rows(d)]
    psz_period = f"{d.psz_period_from}–{d.psz_period_to}" if d.psz_period_from and d.psz_period_to else ""
    settings = DocumentSettings.for_unit(unit)
    members = lp_members(unit, d.valid_from or today)
    return {
        "unit": _unit_context(unit),
        "roles": _roles(unit, today),
        "version": d.version,
        "memorandum_text": t(
            _("Popis spolupráce se vztahuje k Memorandu o spolupráci ze dne %(date)s.")
            % {"date": date_long(d.memorandum.signed_on)}
        )
        if d.memorandum
        else "",
        "commitment_text": _commitment_text(d),
        "validity_text": _validity_text(d),
        "programme_period_note": _programme_period_text(d.programme_period_note),
        "guarantee_text": _guarantee_text(d),
        "areas_intro": t(
            _("Plánujeme spolupracovat zejména v těchto oblastech: %(areas)s.")
            % {"areas": _join_czech([a.name for a in areas])}
        )
        if areas
        else t(_("Tematické oblasti zatím nejsou stanoveny.")),
        "areas": [{"name": t(a.name), "focus": t(a.focus)} for a in areas],
        "lp_structure": t(d.lp_structure) or "–",
        "lp_members": members,
        "lp_members_text": _members_text(members, unit),
        "psz_specification": t(d.psz_specification) or "–",
        "psz_period": psz_period,
        "target_group": t(d.target_group),
        "strategic_links": [t(str(link)) for link in d.strategic_links.all()],
        "esif": [t(e.name) for e in d.esif_interventions.all()],
        "regional_contact": t(
            ", ".join(p for p in (d.regional_contact_name, d.regional_contact_function) if p)
        )
        or _("není relevantní"),
        "lp_stance": _lp_stance_text(d),
        "schedule": rows,
        "schedule_note": "" if rows else NO_SCHEDULE,
        "approved_on": date_long(d.approved_on) if d.approved_on else "",
        "approval_resolution": d.approval_resolution,
        "notes": _notes(d),
        "unit_signature": {
            "place": _signature_place(settings.signature_place, d.unit_signed_place),
            "date": date_long(d.unit_signed_on) if d.unit_signed_on else "",
            "signatory": t(d.unit_signatory),
        },
        "agency_signature": {
            "place": _signature_place(settings.agency_signature_place, d.agency_signed_place),
            "date": date_long(d.agency_signed_on) if d.agency_signed_on else "",
            "signatory": t(d.agency_signatory),
        },
    }


def _notes(d: CooperationDescription) -> list[str]:
    notes = [t(str(note)) for note in NOTES]
    if d.project_registration_number:
        programme = _programme(d)
        notes.insert(
            3,
            t(
                _("Projekt %(project)s%(programme)s, registrační číslo: %(number)s.")
                % {
                    "project": d.project_name,
                    "programme": _(" financovaný z %(p)s") % {"p": programme} if programme else "",
                    "number": d.project_registration_number,
                }
            ),
        )
    return notes


# --- The annual report ------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportPeriod:
    year: int
    start: date
    end: date


def report_period(description: CooperationDescription, year: int) -> ReportPeriod:
    """The calendar year, cut to the validity of the description."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    if description.valid_from and description.valid_from > start:
        start = description.valid_from
    if description.valid_to and description.valid_to < end:
        end = description.valid_to
    return ReportPeriod(year=year, start=start, end=max(start, end))


def _covers_year(d: CooperationDescription, year: int) -> bool:
    return (d.valid_from is None or d.valid_from.year <= year) and (
        d.valid_to is None or d.valid_to.year >= year
    )


def description_for_year(unit: TerritorialUnit, year: int) -> CooperationDescription | None:
    """The description the annual report for ``year`` reports on: the newest one in force during
    the year; while none has been, the newest whose dates touch it (one without dates counts)."""
    descriptions = [
        d
        for d in unit.descriptions.select_related("memorandum", "unit").order_by("-version")
        if _covers_year(d, year)
    ]
    in_force = [d for d in descriptions if d.status in IN_FORCE_STATUSES and d.valid_from and d.valid_to]
    return (in_force or descriptions or [None])[0]


def council_name(unit: TerritorialUnit) -> str:
    if unit.kind == UnitKind.REGION:
        return _("Rada kraje")
    if unit.kind == UnitKind.MUNICIPALITY:
        return _("Rada obce")
    if unit.kind in (UnitKind.TOWN, UnitKind.STATUTORY_CITY):
        return _("Rada města")
    return _("Rada územního celku")


def _basics_section(description: CooperationDescription, period: ReportPeriod) -> sources.Section:
    d = description
    lines = [
        _("Popis spolupráce, verze %(v)s (%(status)s).")
        % {"v": d.version, "status": validity_on(d, period.end).label},
        _validity_text(d),
    ]
    if d.approved_on:
        lines.append(
            _("Schválen dne %(date)s usnesením č. %(number)s.")
            % {"date": date_long(d.approved_on), "number": d.approval_resolution or "–"}
        )
    areas = [a.name for a in d.thematic_areas.all()]
    if areas:
        lines.append(_("Tematické oblasti spolupráce: %(areas)s.") % {"areas": _join_czech(areas)})
    return sources.Section(_("Základní údaje o spolupráci"), lines)


def _risks_section(
    description: CooperationDescription, period: ReportPeriod, schedule: sources.Section
) -> sources.Section:
    """Risks the data shows: an ending validity, and schedule lines that are at risk or not met."""
    lines = []
    if description.valid_to and description.valid_to.year <= period.year + 1:
        lines.append(
            _(
                "Platnost popisu spolupráce končí %(date)s; je třeba včas připravit jeho revizi nebo nový popis."
            )
            % {"date": date_long(description.valid_to)}
        )
    lines += schedule.risks
    if not schedule.available:
        lines.append(_("Plnění harmonogramu zatím nelze vyhodnotit, protože harmonogram není zadán."))
    return sources.Section(_("Rizika"), lines) if lines else sources.empty(_("Rizika"))


def _next_year_section(description: CooperationDescription, period: ReportPeriod) -> sources.Section:
    next_year = period.year + 1
    start, end = date(next_year, 1, 1), date(next_year, 12, 31)
    lines = []
    if description.valid_to and description.valid_to < start:
        lines.append(_("Popis spolupráce v roce %(y)s již neplatí.") % {"y": next_year})
    else:
        areas = [a.name for a in description.thematic_areas.all()]
        if areas:
            lines.append(
                _("Pokračování spolupráce v tematických oblastech: %(areas)s.")
                % {"areas": _join_czech(areas)}
            )
    lines += sources.planned_meetings(
        description.unit, start, end, known_by=min(period.end, timezone.localdate())
    )
    title = _("Výhled na rok %(y)s") % {"y": next_year}
    return sources.Section(title, lines) if lines else sources.empty(title)


def report_context(description: CooperationDescription, year: int, *, today: date | None = None) -> dict:
    today = today or timezone.localdate()
    unit = description.unit
    period = report_period(description, year)
    schedule = sources.schedule_status_section(description, period.start, period.end)
    sections = [
        _basics_section(description, period),
        sources.meetings_section(unit, period.start, period.end),
        schedule,
        sources.training_section(description, period.start, period.end),
        sources.psz_section(unit, period.start, period.end),
        _risks_section(description, period, schedule),
        _next_year_section(description, period),
    ]
    period_text = _("%(start)s – %(end)s") % {"start": date_long(period.start), "end": date_long(period.end)}
    title = _("Zpráva o plnění popisu spolupráce za rok %(year)s") % {"year": year}
    council = council_name(unit)
    return {
        "unit": _unit_context(unit),
        "title": t(title),
        "year": year,
        "period_text": period_text,
        "prepared_on": date_long(today),
        "sections": [dict(s.as_context(), number=i) for i, s in enumerate(sections, start=1)],
        "resolution": {
            "organ": council,
            "lines": [
                t(
                    _(
                        "%(organ)s po projednání bere na vědomí zprávu o plnění popisu spolupráce za období %(period)s."
                    )
                    % {"organ": council, "period": period_text}
                ),
                t(
                    _(
                        "%(organ)s ukládá pověřenému zástupci pro sociální začleňování informovat "
                        "o zprávě lokální partnerství a zajistit její projednání v zastupitelstvu."
                    )
                    % {"organ": council}
                ),
            ],
        },
    }


# --- Rendering --------------------------------------------------------------------------------


def _latest_description(unit: TerritorialUnit) -> CooperationDescription | None:
    return unit.descriptions.select_related("memorandum", "unit").order_by("-version").first()


def _sample_description(unit: TerritorialUnit) -> dict | None:
    description = _latest_description(unit)
    return description_context(description) if description else None


def _sample_report(unit: TerritorialUnit) -> dict | None:
    description = _latest_description(unit)
    if description is None:
        return None
    year = description.valid_from.year if description.valid_from else timezone.localdate().year
    return report_context(description, year)


COOPERATION_DESCRIPTION = register(
    DocumentSpec(
        kind=TemplateKind.COOPERATION_DESCRIPTION,
        pdf_template="reports/pdf/cooperation_description.html",
        docx_template=DOCX_TEMPLATES / "cooperation_description.docx",
        sample_context=_sample_description,
    )
)
ANNUAL_REPORT = register(
    DocumentSpec(
        kind=TemplateKind.ANNUAL_REPORT,
        pdf_template="reports/pdf/annual_report.html",
        docx_template=DOCX_TEMPLATES / "annual_report.docx",
        sample_context=_sample_report,
    )
)


def generate_description(
    description: CooperationDescription, fmt: str, *, archival: bool = False
) -> RenderedDocument:
    """The cooperation description; ``archival`` makes the PDF a PDF/A for the library."""
    return render(
        COOPERATION_DESCRIPTION,
        fmt,
        unit=description.unit,
        context=description_context(description),
        stem=f"popis-spoluprace-{description.unit.slug}-v{description.version}",
        archival=archival,
    )


def generate_report(
    description: CooperationDescription, year: int, fmt: str, *, archival: bool = False
) -> RenderedDocument:
    return render(
        ANNUAL_REPORT,
        fmt,
        unit=description.unit,
        context=report_context(description, year),
        stem=f"zprava-o-plneni-popisu-spoluprace-{description.unit.slug}-{year}",
        archival=archival,
    )

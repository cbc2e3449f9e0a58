from __future__ import annotations

from spojka.agency.models import AgencyStatement, SupportPeriod
from spojka.lib.forms import SpojkaModelForm


class SupportPeriodForm(SpojkaModelForm):
    class Meta:
        model = SupportPeriod
        fields = ["support_type", "starts_on", "ends_on", "wave", "note"]


class AgencyStatementForm(SpojkaModelForm):
    class Meta:
        model = AgencyStatement
        fields = ["plan", "issued_on", "reference", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = self.instance.unit.inclusion_plans.order_by("-year_to", "-pk")

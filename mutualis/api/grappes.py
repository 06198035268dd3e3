"""Stateless API of the grappe builder: eligibility and funding of a list of ESSMS."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from mutualis.directory.models import Establishment
from mutualis.grappes import eligibility, funding, selectors
from mutualis.grappes.rules import Programme


class EssmsInput(serializers.Serializer):
    finess = serializers.CharField(max_length=9)
    situation = serializers.ChoiceField(choices=list(eligibility.SITUATIONS))
    segur = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Solution référencée Ségur ; null (ou absent) : inconnu, les règles qui en "
        "dépendent sont non évaluables.",
    )


class GrappeInput(serializers.Serializer):
    programme = serializers.ChoiceField(choices=Programme.CHOICES)
    campaign = serializers.IntegerField(min_value=2021, max_value=2100)
    establishments = EssmsInput(many=True, allow_empty=False, max_length=500)

    def validate_establishments(self, items):
        finess = [item["finess"].upper() for item in items]
        found = {
            e.finess: e
            for e in Establishment.objects.filter(finess__in=finess).select_related(
                "category__aggregate", "managing_body"
            )
        }
        unknown = sorted(set(finess) - set(found))
        if unknown:
            raise serializers.ValidationError(f"FINESS inconnus : {', '.join(unknown)}.")
        return [(found[item["finess"].upper()], item) for item in items]


def _failure(failure: eligibility.Failure) -> dict:
    return {"rule": failure.rule, "message": failure.message, "source": failure.source}


class EligibilityView(APIView):
    """Eligibility of a would-be grappe: every failed rule, in French, with its source."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(request=GrappeInput, responses=dict)
    def post(self, request):
        data = _valid(request)
        rules = selectors.rules_for(data["programme"], data["campaign"])
        facts = [
            selectors.establishment_facts(e, item["situation"], item["segur"])
            for e, item in data["establishments"]
        ]
        result = eligibility.check(data["programme"], rules, facts)
        return Response(
            {
                "eligible": result.is_eligible,
                "eligible_count": result.eligible_count,
                "call": result.call,
                "grappe_failures": [_failure(f) for f in result.grappe],
                "establishments": [
                    {
                        "finess": finess,
                        # null: non évaluable (a rule needs an unknown Ségur referencing)
                        "eligible": {"eligible": True, "not_eligible": False}.get(
                            result.status(finess)
                        ),
                        "status": result.status(finess),
                        "failures": [_failure(f) for f in failures],
                        "undetermined": [_failure(f) for f in result.undetermined.get(finess, [])],
                    }
                    for finess, failures in result.essms.items()
                ],
            }
        )


class FundingView(APIView):
    """Funding simulation of a list of ESSMS with the rules of the campaign (not stored)."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(request=GrappeInput, responses=dict)
    def post(self, request):
        data = _valid(request)
        rules = selectors.rules_for(data["programme"], data["campaign"])
        essms = [
            selectors.funded(e, item["situation"], item["segur"], rules)
            for e, item in data["establishments"]
        ]
        result = funding.simulate(data["programme"], rules, essms)
        return Response(
            {
                "computed_at": timezone.now().isoformat(timespec="seconds"),
                "total": result.total,
                "tranches": [{"percent": p, "amount": a} for p, a in result.tranches],
                "members": [
                    {"managing_body": m.member_name, "amount": m.amount, "tranches": m.tranches}
                    for m in result.members
                ],
                "establishments": [
                    {
                        "finess": item.essms.finess,
                        "lines": [
                            {"label": line.label, "amount": line.amount, "rule": line.rule}
                            for line in item.lines
                        ],
                    }
                    for item in result.essms
                ],
                "grappe_lines": [
                    {"label": line.label, "amount": line.amount, "rule": line.rule}
                    for line in result.grappe_lines
                ],
                "notes": result.notes,
            }
        )


def _valid(request) -> dict:
    serializer = GrappeInput(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data

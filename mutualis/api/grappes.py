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


class RuleFailure(serializers.Serializer):
    rule = serializers.CharField(help_text="Code de la règle du programme.")
    message = serializers.CharField()
    source = serializers.CharField(help_text="Texte qui fonde la règle.")


class EssmsEligibility(serializers.Serializer):
    finess = serializers.CharField()
    eligible = serializers.BooleanField(
        allow_null=True, help_text="null : non évaluable (Ségur inconnu)."
    )
    status = serializers.ChoiceField(choices=["eligible", "not_eligible", "undetermined"])
    failures = RuleFailure(many=True)
    undetermined = RuleFailure(many=True)


class EligibilityOutput(serializers.Serializer):
    eligible = serializers.BooleanField()
    eligible_count = serializers.IntegerField()
    call = serializers.CharField(help_text="« régional », « national » ou vide.", allow_blank=True)
    grappe_failures = RuleFailure(many=True)
    establishments = EssmsEligibility(many=True)


def _amount(**kwargs) -> serializers.DecimalField:
    """An amount in euros, a JSON number."""
    return serializers.DecimalField(
        max_digits=14, decimal_places=2, coerce_to_string=False, **kwargs
    )


class FundingLine(serializers.Serializer):
    label = serializers.CharField()
    amount = _amount()
    rule = serializers.CharField()


class FundingTranche(serializers.Serializer):
    percent = serializers.DecimalField(max_digits=5, decimal_places=2, coerce_to_string=False)
    amount = _amount()


class MemberFunding(serializers.Serializer):
    managing_body = serializers.CharField()
    amount = _amount()
    tranches = serializers.ListField(child=_amount())


class EssmsFunding(serializers.Serializer):
    finess = serializers.CharField()
    lines = FundingLine(many=True)


class FundingOutput(serializers.Serializer):
    computed_at = serializers.DateTimeField()
    total = _amount()
    tranches = FundingTranche(many=True)
    members = MemberFunding(many=True)
    establishments = EssmsFunding(many=True)
    grappe_lines = FundingLine(many=True)
    notes = serializers.ListField(child=serializers.CharField())


def _failure(failure: eligibility.Failure) -> dict:
    return {"rule": failure.rule, "message": failure.message, "source": failure.source}


class EligibilityView(APIView):
    """Eligibility of a would-be grappe: every failed rule, in French, with its source."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(request=GrappeInput, responses=EligibilityOutput)
    def post(self, request):
        data = _valid(request)
        rules = selectors.rules_for(data["programme"], data["campaign"])
        facts = [
            selectors.establishment_facts(e, item["situation"], item["segur"])
            for e, item in data["establishments"]
        ]
        result = eligibility.check(data["programme"], rules, facts)
        return _answer(
            EligibilityOutput,
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
            },
        )


class FundingView(APIView):
    """Funding simulation of a list of ESSMS with the rules of the campaign (not stored)."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(request=GrappeInput, responses=FundingOutput)
    def post(self, request):
        data = _valid(request)
        rules = selectors.rules_for(data["programme"], data["campaign"])
        essms = [
            selectors.funded(e, item["situation"], item["segur"], rules)
            for e, item in data["establishments"]
        ]
        result = funding.simulate(data["programme"], rules, essms)
        return _answer(
            FundingOutput,
            {
                "computed_at": timezone.now().replace(microsecond=0),
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
            },
        )


def _answer(serializer: type[serializers.Serializer], payload: dict) -> Response:
    """The payload written by its output serializer, the schema's description of it."""
    return Response(serializer(payload).data)


def _valid(request) -> dict:
    serializer = GrappeInput(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data

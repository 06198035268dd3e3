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


class FailureOutput(serializers.Serializer):
    rule = serializers.CharField()
    message = serializers.CharField(help_text="La règle non satisfaite, en français.")
    source = serializers.CharField(help_text="Source de la règle (voir les règles des programmes).")


class EssmsEligibilityOutput(serializers.Serializer):
    finess = serializers.CharField()
    eligible = serializers.BooleanField(allow_null=True, help_text="null : non évaluable.")
    status = serializers.ChoiceField(choices=["eligible", "not_eligible", "undetermined"])
    failures = FailureOutput(many=True)
    undetermined = FailureOutput(many=True)


class EligibilityOutput(serializers.Serializer):
    applicable = serializers.BooleanField(
        help_text="false : coopération sans programme, l'éligibilité ne s'applique pas."
    )
    evaluable = serializers.BooleanField(
        help_text="false : les règles de la campagne ne sont pas chargées (non évaluable)."
    )
    message = serializers.CharField(
        help_text="Pourquoi non applicable ou non évaluable (vide sinon), en français."
    )
    eligible = serializers.BooleanField(
        allow_null=True, help_text="null quand non applicable ou non évaluable."
    )
    eligible_count = serializers.IntegerField()
    call = serializers.CharField(help_text="« régional », « national » ou vide.")
    grappe_failures = FailureOutput(many=True)
    establishments = EssmsEligibilityOutput(many=True)


class EligibilityView(APIView):
    """Eligibility of a would-be grappe: every failed rule, in French, with its source."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(request=GrappeInput, responses=EligibilityOutput)
    def post(self, request):
        data = _valid(request)
        result = _assess(data)
        return Response(
            {
                "applicable": result.applicable,
                "evaluable": result.evaluable,
                "message": result.message,
                "eligible": result.verdict,
                "eligible_count": result.eligible_count,
                "call": result.call,
                "grappe_failures": [_failure(f) for f in result.grappe],
                "establishments": [
                    {
                        "finess": e.finess,
                        # null: non évaluable (a rule needs an unknown Ségur referencing)
                        "eligible": {"eligible": True, "not_eligible": False}.get(
                            result.status(e.finess)
                        ),
                        "status": result.status(e.finess),
                        "failures": [_failure(f) for f in result.essms.get(e.finess, [])],
                        "undetermined": [
                            _failure(f) for f in result.undetermined.get(e.finess, [])
                        ],
                    }
                    for e, _ in data["establishments"]
                ],
            }
        )


def _assess(data: dict) -> eligibility.Eligibility:
    rules = selectors.rules_for(data["programme"], data["campaign"])
    facts = [
        selectors.establishment_facts(e, item["situation"], item["segur"])
        for e, item in data["establishments"]
    ]
    return eligibility.assess(data["programme"], data["campaign"], rules, facts)


class LineOutput(serializers.Serializer):
    label = serializers.CharField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, coerce_to_string=False)
    rule = serializers.CharField()


class TrancheOutput(serializers.Serializer):
    percent = serializers.DecimalField(max_digits=5, decimal_places=2, coerce_to_string=False)
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, coerce_to_string=False)


class MemberShareOutput(serializers.Serializer):
    managing_body = serializers.CharField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, coerce_to_string=False)
    tranches = serializers.ListField(
        child=serializers.DecimalField(max_digits=14, decimal_places=2, coerce_to_string=False)
    )


class EssmsFundingOutput(serializers.Serializer):
    finess = serializers.CharField()
    lines = LineOutput(many=True)


class ExcludedOutput(serializers.Serializer):
    finess = serializers.CharField()
    status = serializers.ChoiceField(choices=["not_eligible", "undetermined"])
    failures = FailureOutput(many=True)


class FundingOutput(serializers.Serializer):
    computed_at = serializers.DateTimeField()
    applicable = serializers.BooleanField(
        help_text="false : coopération sans programme, le financement ne s'applique pas."
    )
    evaluable = serializers.BooleanField(
        help_text="false : les règles de la campagne ne sont pas chargées (non évaluable)."
    )
    message = serializers.CharField(help_text="Pourquoi aucun montant (vide sinon), en français.")
    total = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        coerce_to_string=False,  # the answer holds JSON numbers
        allow_null=True,
        help_text="null quand non applicable ou non évaluable.",
    )
    tranches = TrancheOutput(many=True)
    members = MemberShareOutput(many=True)
    establishments = EssmsFundingOutput(many=True)
    excluded = ExcludedOutput(
        many=True,
        help_text="ESSMS que l'éligibilité écarte (ou ne peut évaluer) : jamais financés.",
    )
    grappe_lines = LineOutput(many=True)
    notes = serializers.ListField(child=serializers.CharField())


class FundingView(APIView):
    """Funding simulation of a list of ESSMS with the rules of the campaign (not stored): only
    the ESSMS the eligibility check accepts are funded, the others are listed in ``excluded``."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(request=GrappeInput, responses=FundingOutput)
    def post(self, request):
        data = _valid(request)
        verdict = _assess(data)
        computed_at = timezone.now().isoformat(timespec="seconds")
        if not verdict.has_verdict:
            return Response(
                {
                    "computed_at": computed_at,
                    "applicable": verdict.applicable,
                    "evaluable": verdict.evaluable,
                    "message": verdict.message,
                    "total": None,
                    "tranches": [],
                    "members": [],
                    "establishments": [],
                    "excluded": [],
                    "grappe_lines": [],
                    "notes": [],
                }
            )
        rules = selectors.rules_for(data["programme"], data["campaign"])
        essms = [
            selectors.funded(e, item["situation"], item["segur"], rules)
            for e, item in data["establishments"]
            if verdict.eligible(e.finess)
        ]
        result = funding.simulate(data["programme"], rules, essms)
        excluded = [
            {
                "finess": e.finess,
                "status": verdict.status(e.finess),
                "failures": [
                    _failure(f)
                    for f in verdict.essms.get(e.finess, [])
                    + verdict.undetermined.get(e.finess, [])
                ],
            }
            for e, _ in data["establishments"]
            if not verdict.eligible(e.finess)
        ]
        return Response(
            {
                "computed_at": computed_at,
                "applicable": True,
                "evaluable": True,
                "message": "",
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
                "excluded": excluded,
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

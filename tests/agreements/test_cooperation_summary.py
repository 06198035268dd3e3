"""The grappe's view of the members' cooperation self-evaluations (pure computation)."""

from mutualis.agreements import cooperation, referential

QUESTIONS = referential.questions()
ALL = [q.code for q in QUESTIONS]


def answers(value: int, **overrides) -> dict[str, int]:
    return dict.fromkeys(ALL, value) | overrides


def test_the_shipped_questionnaire_covers_the_cooperation_referential():
    kinds = {q.kind for q in QUESTIONS}
    assert kinds == set(referential.KINDS)
    assert len(referential.axes()) == 8
    assert all(q.source and q.risk and q.recommendation for q in QUESTIONS)


def test_axes_are_the_mean_of_the_members_means_with_their_range():
    summary = cooperation.summarize(QUESTIONS, [answers(4), answers(2)])
    first = summary.axes[0]
    assert (first.mean, first.low, first.high) == (3.0, 2.0, 4.0)
    assert summary.overall == 3.0 and summary.shown


def test_unanswered_questions_are_not_counted_as_zero():
    summary = cooperation.summarize(QUESTIONS, [{"FIN1": 4}, {"FIN1": 2, "FIN2": 2}])
    finalite = summary.axes[0]
    assert finalite.mean == 3.0  # member 1: 4; member 2: 2
    assert summary.axes[1].mean is None


def test_disagreements_risks_and_recommendations():
    summary = cooperation.summarize(
        QUESTIONS, [answers(3, EQU2=1, CON1=4), answers(3, EQU2=2, CON1=2)]
    )
    assert [s.question.code for s in summary.disagreements] == ["CON1"]
    assert [s.question.code for s in summary.risks] == ["EQU2"]  # mean 1.5, one "1"
    assert "absorbé" in summary.risks[0].question.risk
    recommended = [s.question.code for s in summary.recommendations]
    assert recommended[0] == "EQU2" and "CON1" in recommended


def test_nothing_is_shown_from_a_single_member():
    assert not cooperation.summarize(QUESTIONS, [answers(4)]).shown


def test_progress_against_the_previous_round():
    summary = cooperation.summarize(
        QUESTIONS, [answers(4), answers(3)], previous=[answers(2), answers(2)]
    )
    assert summary.axes[0].previous == 2.0 and summary.axes[0].mean == 3.5
    radar = cooperation.radar(summary)
    assert radar["previous"] and len(radar["axes"]) == 8

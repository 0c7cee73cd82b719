"""The life of an assignment: draft, submit, feedback drafted then released, revise, accept.

- A trainee has one `Submission` per assignment, holding the draft. Saving the draft is possible
  while the work is a draft or returned for revision.
- Submitting freezes the draft into a numbered, dated `SubmissionVersion` (a record: never changed).
  The first submission and `max_revisions` resubmissions are allowed, until the due date (its grace
  included, `availability.is_past`); a trainer may reopen the work for one more submission beyond
  either limit.
- The trainer's feedback on the latest version is drafted (nothing shows to the trainee), then
  released with a decision: "return for revision" or "accept". Released feedback is a record.
- With a rubric, the score is the sum of the points of the levels chosen, one per criterion, as the
  points stood at release; comments-only assignments have no score.
- Acceptance completes the step, once (`courses.progress.mark_step_complete`), with the score as a
  percentage of the rubric's maximum: the progress matrix, the trainee's progress and the
  competence evidence read it from there.

Every write is atomic and locks the submission's row, so two tabs or two trainers cannot both act
on the same state.

One module per part of that life, their public names re-exported here:

- `refusals`: why an action was refused (`AssignmentError` and its kinds), in the person's language;
- `submission`: the trainee's draft, the rule of when work may be handed in, submitting a version;
- `worksheet_versions`: template versions read as they were handed in;
- `review`: the trainer's feedback, drafted then released with a decision, reopening;
- `rubric`: criteria, levels, points, score and its percentage;
- `queue`: the work awaiting feedback, its count, the matrix's "To review (n)";
- `evidence`: the accepted assignments as competence evidence;
- `trainee`: what the trainee's page of an assignment shows.
"""

from .evidence import Evidence, competence_evidence
from .queue import awaiting_feedback, awaiting_feedback_count, review_notice
from .refusals import (
    AssignmentError,
    DecisionMissing,
    FeedbackReleased,
    LevelMissing,
    NoRevisionsLeft,
    NotAwaitingFeedback,
    NotEditable,
    NothingToSubmit,
    NotReopenable,
    PastDueDate,
    WorksheetIncomplete,
)
from .review import MarkInput, latest_version, marks_of, released_feedback, reopen, save_feedback
from .rubric import criteria_of, level_points, levels_of, max_points, score, score_percent
from .submission import (
    EDITABLE,
    MAX_TEXT_LENGTH,
    own_submission,
    revisions_left,
    save_draft,
    submission_refusal,
    submit,
    versions_of,
    work_handed_in,
)
from .trainee import TraineeView, VersionEntry, trainee_view
from .worksheet_versions import version_worksheet, version_worksheets

__all__ = [
    "EDITABLE",
    "MAX_TEXT_LENGTH",
    "AssignmentError",
    "DecisionMissing",
    "Evidence",
    "FeedbackReleased",
    "LevelMissing",
    "MarkInput",
    "NoRevisionsLeft",
    "NotAwaitingFeedback",
    "NotEditable",
    "NotReopenable",
    "NothingToSubmit",
    "PastDueDate",
    "TraineeView",
    "VersionEntry",
    "WorksheetIncomplete",
    "awaiting_feedback",
    "awaiting_feedback_count",
    "competence_evidence",
    "criteria_of",
    "latest_version",
    "level_points",
    "levels_of",
    "marks_of",
    "max_points",
    "own_submission",
    "released_feedback",
    "reopen",
    "review_notice",
    "revisions_left",
    "save_draft",
    "save_feedback",
    "score",
    "score_percent",
    "submission_refusal",
    "submit",
    "trainee_view",
    "version_worksheet",
    "version_worksheets",
    "versions_of",
    "work_handed_in",
]

"""The handover kit: facilitator notes, re-running the programme for a new cohort, trainer checkout."""

"""After the workshop: commitments, check-ins, coaching and the evaluation report (issue 21)."""

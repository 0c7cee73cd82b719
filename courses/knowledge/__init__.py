"""Knowledge that stays true after the expert leaves: verified facts in lessons, the funding-source
register, the glossary and the facilitator notes (issue 23)."""

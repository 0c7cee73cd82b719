"""The register as trainees read it, and their proposals. Thin: the rules are in funding.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from home.languages import current_language

from .forms import FundingProposalForm
from .funding import pending_proposals, propose, visible_to_trainees
from .glossary import glossary_table


@login_required
def funding_list(request):
    form = FundingProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        propose(user=request.user, fields=form.cleaned_data)
        messages.success(request, _("Thank you: your proposal will appear once a trainer has checked it."))
        return redirect("knowledge:funding_list")
    context = {
        "sources": visible_to_trainees().prefetch_related("status_changes"),
        "pending": pending_proposals(user=request.user),
        "form": form,
    }
    return render(request, "courses/knowledge/funding_list.html", context, status=400 if form.errors else 200)


def glossary(request):
    """Every term, grouped by section, in every language of the site."""
    columns, sections = glossary_table(language=current_language())
    return render(request, "courses/knowledge/glossary.html", {"columns": columns, "sections": sections})

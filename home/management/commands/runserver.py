"""`runserver` whose static files handler answers 404 to a path leaving the static folders.

Django's development static handler catches only Http404: `/static/../manage.py` makes the finders
raise SuspiciousFileOperation, which the development server shows as a 500 with its traceback.
"""

from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.contrib.staticfiles.management.commands.runserver import Command as StaticRunserverCommand
from django.core.exceptions import SuspiciousFileOperation
from django.core.handlers.exception import response_for_exception
from django.http import Http404


class SafeStaticFilesHandler(StaticFilesHandler):
    def get_response(self, request):
        try:
            return super().get_response(request)
        except SuspiciousFileOperation:
            return response_for_exception(request, Http404())


class Command(StaticRunserverCommand):
    def get_handler(self, *args, **options):
        handler = super().get_handler(*args, **options)
        if isinstance(handler, StaticFilesHandler):
            return SafeStaticFilesHandler(handler.application)
        return handler

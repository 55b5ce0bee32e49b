"""The /api/v1 blueprint tree: applications (`web.api`) with documents, integrations and the docs nested in it.

Endpoint names stay ``api.<view>`` and ``api.documents.<view>``: they are the OpenAPI operation ids.
"""

from __future__ import annotations

from web import api, api_documents, api_edits, api_integrations, api_reminders, openapi

api.bp.register_blueprint(api_documents.bp)
api.bp.register_blueprint(api_edits.bp)
api.bp.register_blueprint(api_integrations.bp)
api.bp.register_blueprint(api_reminders.bp)
api.bp.register_blueprint(openapi.docs_bp)

bp = api.bp

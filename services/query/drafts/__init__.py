"""Drafts: from a news article (Korean or English, text or HTML) to draft cooperation records.

Pure and deterministic; it imports nothing of the query service's store or app. The service
passes in the organisations it knows and a way to find candidate live events.
"""

from services.query.drafts.engine import draft

__all__ = ["draft"]

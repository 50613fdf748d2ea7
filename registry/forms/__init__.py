"""Site forms. The submission forms are also the API's validation layer (api/serializers/submissions.py)."""

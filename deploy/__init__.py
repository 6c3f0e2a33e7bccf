"""Deployment helpers: local PostgreSQL and Redis servers, the cluster, the Slack manifest."""

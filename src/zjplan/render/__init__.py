"""Renderers: each turns a model into text for one output format. Only the CLI prints."""

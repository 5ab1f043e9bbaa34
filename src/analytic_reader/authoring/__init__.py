"""Authoring and building: chapter front matter and the chapter scaffold, the student edition, and the
atomic build that publishes a site only when it succeeded.
"""

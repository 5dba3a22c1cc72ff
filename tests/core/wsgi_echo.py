"""A tiny WSGI app, so the access-log test runs gunicorn with our real config but no database."""


def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]

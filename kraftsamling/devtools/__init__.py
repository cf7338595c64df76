"""The machinery beside the product: benchmarks, a live server and WebSocket sessions, the
browser and AppTest helpers, and the offline generators (`derive`, `example`).

Nothing the app runs (app.py, dashboard.py, pages/ and what they import) imports from here
(tests/test_house.py): the command line imports these modules inside its verbs.
"""

# Everyday commands. The README's test command (what .ci/run runs) is `make test`.
.PHONY: test test-fast lint fix bench bench-national run

test:  ## everything, as CI runs it: lint, then every test including the real-browser ones
	pip install -r requirements-dev.txt && ruff check . && ruff format --check . && python -m pytest

test-fast:  ## no browser, no live server, no national generator: the quick loop while coding
	python -m pytest -m "not browser and not slow" -q

lint:  ## what CI checks
	ruff check . && ruff format --check .

fix:  ## let ruff fix what it can, and format
	ruff check --fix . && ruff format .

bench:  ## bundled-scale figures, and the browser comparison with the reference app
	python -m kraftsamling bench --browser

bench-national:  ## 290 municipalities x 10 waves (10-15 minutes)
	python -m kraftsamling bench --scale national

run:  ## the app on port 8501
	pip install -r requirements.txt && streamlit run app.py

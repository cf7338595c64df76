-- Source facts the page prints under each figure: years of the reference data.
SELECT
    (SELECT max(population_year) FROM municipality) AS population_year,
    (SELECT max(population_20_64_year) FROM municipality) AS population_20_64_year,
    (SELECT min(round) FROM myh_application) AS myh_first_round,
    (SELECT max(round) FROM myh_application) AS myh_last_round;

-- The applications in MYH's decisions linked to each occupation by programme name
-- (myh_programme_occupation; kraftsamling/education.py), as kraftsamling.supply's
-- occupation_supply takes them: one row per linked application. No parameters.
SELECT ssyk4, diarienummer
FROM myh_programme_occupation
ORDER BY ssyk4, round, diarienummer;

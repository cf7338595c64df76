-- The providers' view: the blocks of municipalities the wave's groups of hidden cells are
-- built on (county and collaboration groups). Parameters: $wave_id.
SELECT kommunkod, block FROM publication_block WHERE wave_id = $wave_id ORDER BY kommunkod;

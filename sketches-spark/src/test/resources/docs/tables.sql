-- The tables the docs' SQL assumes, small and deterministic: one temporary view per name. A page
-- that creates a table of the same name replaces it (SqlSnippets).

CREATE OR REPLACE TEMPORARY VIEW clicks AS
SELECT timestamp'2026-11-01 00:00:00' + make_interval(0, 0, 0, 0, 0, 0, id * 97 % 172800) AS time,
       timestamp'2026-01-01 00:00:00' + make_interval(0, 0, 0, 0, 0, 0, id * 97 % 172800) AS ts,
       id * 7919 % 1500 AS user_id,
       concat('/product/', CAST(id * 31 % 20 AS STRING)) AS page,
       concat('https://example.com/', CAST(id * 31 % 20 AS STRING)) AS url,
       IF(id % 3 = 0, 'mobile', 'desktop') AS device,
       CAST(id % 50 AS DOUBLE) AS payload_kb,
       CAST(id % 9 AS INT) AS db_queries,
       20.0 + 2.5 * (id % 50) + 8.0 * (id % 9) + (id * 13 % 7) AS latency_ms
FROM range(0, 3000);

CREATE OR REPLACE TEMPORARY VIEW events AS
SELECT date_add(DATE'2026-11-01', CAST(id % 3 AS INT)) AS day, id * 7919 % 1500 AS user_id,
       element_at(array('DE', 'FR', 'ES'), CAST(id % 3 AS INT) + 1) AS country,
       array('a', 'b') AS tags
FROM range(0, 3000);

CREATE OR REPLACE TEMPORARY VIEW houses AS
SELECT 50.0 + id AS sqft, CAST(1 + id % 5 AS DOUBLE) AS rooms,
       1000.0 + 30.0 * id + 500.0 * (id % 5) + id * 17 % 11 AS price
FROM range(0, 200);

CREATE OR REPLACE TEMPORARY VIEW places AS
SELECT 40.0 + id % 10 + (id * 7 % 13) / 100.0 AS lat, -3.0 + id % 10 * 2 + (id * 11 % 17) / 100.0 AS lon
FROM range(0, 500);

CREATE OR REPLACE TEMPORARY VIEW points AS
SELECT CAST(id % 3 * 10 AS DOUBLE) + (id * 7 % 13) / 10.0 AS x,
       CAST(id % 3 * 5 AS DOUBLE) + (id * 11 % 17) / 10.0 AS y
FROM range(0, 300);

CREATE OR REPLACE TEMPORARY VIEW obs AS
SELECT CAST(id AS DOUBLE) AS x, 1.0 + 2.0 * id + (id * 7 % 5) / 10.0 AS y FROM range(0, 100);

CREATE OR REPLACE TEMPORARY VIEW hourly AS
SELECT timestamp'2026-11-01 00:00:00' + make_interval(0, 0, 0, 0, CAST(id % 48 AS INT)) AS hour,
       sk_hll(id * 7919 % 1500) AS users
FROM range(0, 3000) GROUP BY 1;

CREATE OR REPLACE TEMPORARY VIEW daily AS
SELECT date_add(DATE'2026-11-01', CAST(id % 3 AS INT)) AS day, sk_hll(id * 7919 % 1500) AS users
FROM range(0, 3000) GROUP BY 1;

CREATE OR REPLACE TEMPORARY VIEW daily_clicks AS
SELECT date_add(DATE'2026-11-01', CAST(id % 3 AS INT)) AS day,
       sk_cms(concat('https://example.com/', CAST(id * 31 % 20 AS STRING))) AS cms
FROM range(0, 3000) GROUP BY 1;

CREATE OR REPLACE TEMPORARY VIEW samples AS
SELECT id % 3 AS part, sk_sample(id, 10, 7) AS s FROM range(0, 3000) GROUP BY 1;

CREATE OR REPLACE TEMPORARY VIEW models AS
SELECT sk_linreg(array(sqft, rooms), price) AS model FROM houses;

CREATE OR REPLACE TEMPORARY VIEW requests AS
SELECT element_at(array('DE', 'FR', 'ES'), CAST(id % 3 AS INT) + 1) AS country,
       date_add(DATE'2026-11-01', CAST(id % 3 AS INT)) AS day, 20 + id * 37 % 480 AS latency_ms
FROM range(0, 3000);

CREATE OR REPLACE TEMPORARY VIEW clusterings AS
SELECT sk_kmeans(array(x, y), 3, 1.0, 42) AS kmeans FROM points;

-- Placeholder for another branch's 0004 migration (the lead renumbers at merge): it changes nothing.
SELECT 1;

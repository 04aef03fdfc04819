-- Placeholder so this branch's migrations run 1..N: the intake branch owns 0009. DELETE AT MERGE.
SELECT 1;

-- Placeholder so this branch's migrations run 1..N: the regchange branch owns 0010. DELETE AT MERGE.
SELECT 1;

-- Audit events take their ids from the sequence in blocks of 50 (Hibernate's pooled optimizer), so the
-- events of a batch of placements are inserted with JDBC batching instead of one round trip each.
ALTER SEQUENCE events_id_seq INCREMENT BY 50;

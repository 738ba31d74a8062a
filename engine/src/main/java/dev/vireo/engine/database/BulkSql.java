package dev.vireo.engine.database;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One statement for many rows: each column travels as one SQL array parameter and the statement
 * {@code unnest}s them on the server. A batch of 500 placements then costs one round trip per table
 * instead of 500 entity writes; it runs on the caller's transaction and connection (the ORM session's).
 */
public final class BulkSql {

    /** One array parameter: its SQL element type and values, in row order. */
    public record SqlArray(String sqlType, Object[] values) {
        public static SqlArray uuids(List<UUID> values) {
            return new SqlArray("uuid", values.toArray(new UUID[0]));
        }

        public static SqlArray texts(List<String> values) {
            return new SqlArray("text", values.toArray(new String[0]));
        }

        public static SqlArray ints(List<Integer> values) {
            return new SqlArray("int4", values.toArray(new Integer[0]));
        }
    }

    private BulkSql() {
    }

    /**
     * Runs an insert or update; returns the rows it changed. Parameters in statement order: a {@link SqlArray}
     * binds as an array, anything else as one value.
     */
    public static int execute(EntityManager em, String sql, Object... parameters) {
        em.flush();   // the statement must see the ORM's pending writes of this transaction
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(connection, statement, parameters);
                return statement.executeUpdate();
            }
        });
    }

    /** Runs a statement that returns rows ({@code … returning}), each row as its column values. */
    public static List<Object[]> query(EntityManager em, String sql, Object... parameters) {
        em.flush();
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(connection, statement, parameters);
                List<Object[]> rows = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery()) {
                    int width = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        Object[] row = new Object[width];
                        for (int i = 0; i < width; i++) {
                            row[i] = rs.getObject(i + 1);
                        }
                        rows.add(row);
                    }
                }
                return rows;
            }
        });
    }

    private static void bind(java.sql.Connection connection, PreparedStatement statement, Object[] parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] instanceof SqlArray column) {
                Array array = connection.createArrayOf(column.sqlType(), column.values());
                statement.setArray(i + 1, array);
            } else {
                statement.setObject(i + 1, parameters[i]);
            }
        }
    }
}

package dev.sessiondeck.core.testing;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLType;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A forward-only result set over recorded rows, for unit tests of an adapter's mapping without a
 * server: the rows of a CSV file under {@code src/test/resources} (header = column labels, an empty
 * cell = SQL NULL), each value held as the text a driver would have received. It implements what the
 * mappers call: {@code next}, {@code wasNull}, {@code getString}, {@code getInt}, {@code getLong},
 * {@code getBigDecimal} and {@code getObject} by index and by label, {@code findColumn}; every other
 * method throws {@link SQLFeatureNotSupportedException}. Our own test double of a result, not a driver
 * (after bench's {@code ArrayResultSet}).
 */
@SuppressWarnings("deprecation")
public final class RecordedResultSet implements ResultSet {

    private final List<String> labels;
    private final List<String[]> rows;
    private int row = -1;
    private boolean wasNull;
    private boolean closed;

    /**
     * @param labels the column labels, in order
     * @param rows   the rows, each with one text per column (null for SQL NULL)
     */
    public RecordedResultSet(List<String> labels, List<String[]> rows) {
        this.labels = List.copyOf(labels);
        this.rows = List.copyOf(rows);
    }

    /** The rows of the CSV resource {@code path} (e.g. {@code /fixtures/mysql/8.0/lock_waits.csv}). */
    public static RecordedResultSet csv(String path) {
        try (InputStream in = RecordedResultSet.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            CsvSchema header = CsvSchema.emptySchema().withHeader();
            MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class).with(header).readValues(in);
            List<Map<String, String>> maps = it.readAll();
            List<String> labels = new ArrayList<>(((CsvSchema) it.getParserSchema()).getColumnNames());
            List<String[]> rows = new ArrayList<>();
            for (Map<String, String> m : maps) {
                String[] values = new String[labels.size()];
                for (int i = 0; i < values.length; i++) {
                    String v = m.get(labels.get(i));
                    values[i] = v == null || v.isEmpty() ? null : v;
                }
                rows.add(values);
            }
            return new RecordedResultSet(labels, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** No rows, with these columns. */
    public static RecordedResultSet empty(String... labels) {
        return new RecordedResultSet(List.of(labels), List.of());
    }

    private String value(int column) throws SQLException {
        if (row < 0 || row >= rows.size()) {
            throw new SQLException("not on a row");
        }
        if (column < 1 || column > labels.size()) {
            throw new SQLException("no column " + column + " of " + labels.size());
        }
        String v = rows.get(row)[column - 1];
        wasNull = v == null;
        return v;
    }

    private static SQLFeatureNotSupportedException unsupported() {
        return new SQLFeatureNotSupportedException("not needed by the mappers");
    }

    @Override public boolean next() throws SQLException { return ++row < rows.size(); }
    @Override public void close() throws SQLException { closed = true; }
    @Override public boolean wasNull() throws SQLException { return wasNull; }
    @Override public String getString(int arg0) throws SQLException { return value(arg0); }
    @Override public int getInt(int arg0) throws SQLException { String v = value(arg0); return v == null ? 0 : new BigDecimal(v).intValueExact(); }
    @Override public long getLong(int arg0) throws SQLException { String v = value(arg0); return v == null ? 0 : new BigDecimal(v).longValueExact(); }
    @Override public double getDouble(int arg0) throws SQLException { String v = value(arg0); return v == null ? 0 : Double.parseDouble(v); }
    @Override public Object getObject(int arg0) throws SQLException { return value(arg0); }
    @Override public BigDecimal getBigDecimal(int arg0) throws SQLException { String v = value(arg0); return v == null ? null : new BigDecimal(v); }
    @Override public boolean isClosed() throws SQLException { return closed; }
    @Override public void beforeFirst() throws SQLException { row = -1; }
    @Override public int findColumn(String arg0) throws SQLException {
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i).equalsIgnoreCase(arg0)) {
                return i + 1;
            }
        }
        throw new SQLException("no column " + arg0 + " in " + labels);
    }
    @Override public String getString(String arg0) throws SQLException { return getString(findColumn(arg0)); }
    @Override public int getInt(String arg0) throws SQLException { return getInt(findColumn(arg0)); }
    @Override public long getLong(String arg0) throws SQLException { return getLong(findColumn(arg0)); }
    @Override public Object getObject(String arg0) throws SQLException { return getObject(findColumn(arg0)); }
    @Override public BigDecimal getBigDecimal(String arg0) throws SQLException { return getBigDecimal(findColumn(arg0)); }

    /** The labels, upper case, for a test's own checks. */
    public List<String> labels() {
        return labels.stream().map(l -> l.toUpperCase(Locale.ROOT)).toList();
    }

    // ---- not needed by the mappers

    @Override public boolean getBoolean(int arg0) throws SQLException { throw unsupported(); }
    @Override public byte getByte(int arg0) throws SQLException { throw unsupported(); }
    @Override public short getShort(int arg0) throws SQLException { throw unsupported(); }
    @Override public float getFloat(int arg0) throws SQLException { throw unsupported(); }
    @Override public java.math.BigDecimal getBigDecimal(int arg0, int arg1) throws SQLException { throw unsupported(); }
    @Override public byte[] getBytes(int arg0) throws SQLException { throw unsupported(); }
    @Override public Date getDate(int arg0) throws SQLException { throw unsupported(); }
    @Override public Time getTime(int arg0) throws SQLException { throw unsupported(); }
    @Override public Timestamp getTimestamp(int arg0) throws SQLException { throw unsupported(); }
    @Override public java.io.InputStream getAsciiStream(int arg0) throws SQLException { throw unsupported(); }
    @Override public java.io.InputStream getUnicodeStream(int arg0) throws SQLException { throw unsupported(); }
    @Override public java.io.InputStream getBinaryStream(int arg0) throws SQLException { throw unsupported(); }
    @Override public boolean getBoolean(String arg0) throws SQLException { throw unsupported(); }
    @Override public byte getByte(String arg0) throws SQLException { throw unsupported(); }
    @Override public short getShort(String arg0) throws SQLException { throw unsupported(); }
    @Override public float getFloat(String arg0) throws SQLException { throw unsupported(); }
    @Override public double getDouble(String arg0) throws SQLException { throw unsupported(); }
    @Override public java.math.BigDecimal getBigDecimal(String arg0, int arg1) throws SQLException { throw unsupported(); }
    @Override public byte[] getBytes(String arg0) throws SQLException { throw unsupported(); }
    @Override public Date getDate(String arg0) throws SQLException { throw unsupported(); }
    @Override public Time getTime(String arg0) throws SQLException { throw unsupported(); }
    @Override public Timestamp getTimestamp(String arg0) throws SQLException { throw unsupported(); }
    @Override public java.io.InputStream getAsciiStream(String arg0) throws SQLException { throw unsupported(); }
    @Override public java.io.InputStream getUnicodeStream(String arg0) throws SQLException { throw unsupported(); }
    @Override public java.io.InputStream getBinaryStream(String arg0) throws SQLException { throw unsupported(); }
    @Override public SQLWarning getWarnings() throws SQLException { throw unsupported(); }
    @Override public void clearWarnings() throws SQLException { throw unsupported(); }
    @Override public String getCursorName() throws SQLException { throw unsupported(); }
    @Override public ResultSetMetaData getMetaData() throws SQLException { throw unsupported(); }
    @Override public java.io.Reader getCharacterStream(int arg0) throws SQLException { throw unsupported(); }
    @Override public java.io.Reader getCharacterStream(String arg0) throws SQLException { throw unsupported(); }
    @Override public boolean isBeforeFirst() throws SQLException { throw unsupported(); }
    @Override public boolean isAfterLast() throws SQLException { throw unsupported(); }
    @Override public boolean isFirst() throws SQLException { throw unsupported(); }
    @Override public boolean isLast() throws SQLException { throw unsupported(); }
    @Override public void afterLast() throws SQLException { throw unsupported(); }
    @Override public boolean first() throws SQLException { throw unsupported(); }
    @Override public boolean last() throws SQLException { throw unsupported(); }
    @Override public int getRow() throws SQLException { throw unsupported(); }
    @Override public boolean absolute(int arg0) throws SQLException { throw unsupported(); }
    @Override public boolean relative(int arg0) throws SQLException { throw unsupported(); }
    @Override public boolean previous() throws SQLException { throw unsupported(); }
    @Override public void setFetchDirection(int arg0) throws SQLException { throw unsupported(); }
    @Override public int getFetchDirection() throws SQLException { throw unsupported(); }
    @Override public void setFetchSize(int arg0) throws SQLException { throw unsupported(); }
    @Override public int getFetchSize() throws SQLException { throw unsupported(); }
    @Override public int getType() throws SQLException { throw unsupported(); }
    @Override public int getConcurrency() throws SQLException { throw unsupported(); }
    @Override public boolean rowUpdated() throws SQLException { throw unsupported(); }
    @Override public boolean rowInserted() throws SQLException { throw unsupported(); }
    @Override public boolean rowDeleted() throws SQLException { throw unsupported(); }
    @Override public void updateNull(int arg0) throws SQLException { throw unsupported(); }
    @Override public void updateBoolean(int arg0, boolean arg1) throws SQLException { throw unsupported(); }
    @Override public void updateByte(int arg0, byte arg1) throws SQLException { throw unsupported(); }
    @Override public void updateShort(int arg0, short arg1) throws SQLException { throw unsupported(); }
    @Override public void updateInt(int arg0, int arg1) throws SQLException { throw unsupported(); }
    @Override public void updateLong(int arg0, long arg1) throws SQLException { throw unsupported(); }
    @Override public void updateFloat(int arg0, float arg1) throws SQLException { throw unsupported(); }
    @Override public void updateDouble(int arg0, double arg1) throws SQLException { throw unsupported(); }
    @Override public void updateBigDecimal(int arg0, java.math.BigDecimal arg1) throws SQLException { throw unsupported(); }
    @Override public void updateString(int arg0, String arg1) throws SQLException { throw unsupported(); }
    @Override public void updateBytes(int arg0, byte[] arg1) throws SQLException { throw unsupported(); }
    @Override public void updateDate(int arg0, Date arg1) throws SQLException { throw unsupported(); }
    @Override public void updateTime(int arg0, Time arg1) throws SQLException { throw unsupported(); }
    @Override public void updateTimestamp(int arg0, Timestamp arg1) throws SQLException { throw unsupported(); }
    @Override public void updateAsciiStream(int arg0, java.io.InputStream arg1, int arg2) throws SQLException { throw unsupported(); }
    @Override public void updateBinaryStream(int arg0, java.io.InputStream arg1, int arg2) throws SQLException { throw unsupported(); }
    @Override public void updateCharacterStream(int arg0, java.io.Reader arg1, int arg2) throws SQLException { throw unsupported(); }
    @Override public void updateObject(int arg0, Object arg1, int arg2) throws SQLException { throw unsupported(); }
    @Override public void updateObject(int arg0, Object arg1) throws SQLException { throw unsupported(); }
    @Override public void updateNull(String arg0) throws SQLException { throw unsupported(); }
    @Override public void updateBoolean(String arg0, boolean arg1) throws SQLException { throw unsupported(); }
    @Override public void updateByte(String arg0, byte arg1) throws SQLException { throw unsupported(); }
    @Override public void updateShort(String arg0, short arg1) throws SQLException { throw unsupported(); }
    @Override public void updateInt(String arg0, int arg1) throws SQLException { throw unsupported(); }
    @Override public void updateLong(String arg0, long arg1) throws SQLException { throw unsupported(); }
    @Override public void updateFloat(String arg0, float arg1) throws SQLException { throw unsupported(); }
    @Override public void updateDouble(String arg0, double arg1) throws SQLException { throw unsupported(); }
    @Override public void updateBigDecimal(String arg0, java.math.BigDecimal arg1) throws SQLException { throw unsupported(); }
    @Override public void updateString(String arg0, String arg1) throws SQLException { throw unsupported(); }
    @Override public void updateBytes(String arg0, byte[] arg1) throws SQLException { throw unsupported(); }
    @Override public void updateDate(String arg0, Date arg1) throws SQLException { throw unsupported(); }
    @Override public void updateTime(String arg0, Time arg1) throws SQLException { throw unsupported(); }
    @Override public void updateTimestamp(String arg0, Timestamp arg1) throws SQLException { throw unsupported(); }
    @Override public void updateAsciiStream(String arg0, java.io.InputStream arg1, int arg2) throws SQLException { throw unsupported(); }
    @Override public void updateBinaryStream(String arg0, java.io.InputStream arg1, int arg2) throws SQLException { throw unsupported(); }
    @Override public void updateCharacterStream(String arg0, java.io.Reader arg1, int arg2) throws SQLException { throw unsupported(); }
    @Override public void updateObject(String arg0, Object arg1, int arg2) throws SQLException { throw unsupported(); }
    @Override public void updateObject(String arg0, Object arg1) throws SQLException { throw unsupported(); }
    @Override public void insertRow() throws SQLException { throw unsupported(); }
    @Override public void updateRow() throws SQLException { throw unsupported(); }
    @Override public void deleteRow() throws SQLException { throw unsupported(); }
    @Override public void refreshRow() throws SQLException { throw unsupported(); }
    @Override public void cancelRowUpdates() throws SQLException { throw unsupported(); }
    @Override public void moveToInsertRow() throws SQLException { throw unsupported(); }
    @Override public void moveToCurrentRow() throws SQLException { throw unsupported(); }
    @Override public Statement getStatement() throws SQLException { throw unsupported(); }
    @Override public Object getObject(int arg0, java.util.Map<String, Class<?>> arg1) throws SQLException { throw unsupported(); }
    @Override public Ref getRef(int arg0) throws SQLException { throw unsupported(); }
    @Override public Blob getBlob(int arg0) throws SQLException { throw unsupported(); }
    @Override public Clob getClob(int arg0) throws SQLException { throw unsupported(); }
    @Override public Array getArray(int arg0) throws SQLException { throw unsupported(); }
    @Override public Object getObject(String arg0, java.util.Map<String, Class<?>> arg1) throws SQLException { throw unsupported(); }
    @Override public Ref getRef(String arg0) throws SQLException { throw unsupported(); }
    @Override public Blob getBlob(String arg0) throws SQLException { throw unsupported(); }
    @Override public Clob getClob(String arg0) throws SQLException { throw unsupported(); }
    @Override public Array getArray(String arg0) throws SQLException { throw unsupported(); }
    @Override public Date getDate(int arg0, java.util.Calendar arg1) throws SQLException { throw unsupported(); }
    @Override public Date getDate(String arg0, java.util.Calendar arg1) throws SQLException { throw unsupported(); }
    @Override public Time getTime(int arg0, java.util.Calendar arg1) throws SQLException { throw unsupported(); }
    @Override public Time getTime(String arg0, java.util.Calendar arg1) throws SQLException { throw unsupported(); }
    @Override public Timestamp getTimestamp(int arg0, java.util.Calendar arg1) throws SQLException { throw unsupported(); }
    @Override public Timestamp getTimestamp(String arg0, java.util.Calendar arg1) throws SQLException { throw unsupported(); }
    @Override public java.net.URL getURL(int arg0) throws SQLException { throw unsupported(); }
    @Override public java.net.URL getURL(String arg0) throws SQLException { throw unsupported(); }
    @Override public void updateRef(int arg0, Ref arg1) throws SQLException { throw unsupported(); }
    @Override public void updateRef(String arg0, Ref arg1) throws SQLException { throw unsupported(); }
    @Override public void updateBlob(int arg0, Blob arg1) throws SQLException { throw unsupported(); }
    @Override public void updateBlob(String arg0, Blob arg1) throws SQLException { throw unsupported(); }
    @Override public void updateClob(int arg0, Clob arg1) throws SQLException { throw unsupported(); }
    @Override public void updateClob(String arg0, Clob arg1) throws SQLException { throw unsupported(); }
    @Override public void updateArray(int arg0, Array arg1) throws SQLException { throw unsupported(); }
    @Override public void updateArray(String arg0, Array arg1) throws SQLException { throw unsupported(); }
    @Override public RowId getRowId(int arg0) throws SQLException { throw unsupported(); }
    @Override public RowId getRowId(String arg0) throws SQLException { throw unsupported(); }
    @Override public void updateRowId(int arg0, RowId arg1) throws SQLException { throw unsupported(); }
    @Override public void updateRowId(String arg0, RowId arg1) throws SQLException { throw unsupported(); }
    @Override public int getHoldability() throws SQLException { throw unsupported(); }
    @Override public void updateNString(int arg0, String arg1) throws SQLException { throw unsupported(); }
    @Override public void updateNString(String arg0, String arg1) throws SQLException { throw unsupported(); }
    @Override public void updateNClob(int arg0, NClob arg1) throws SQLException { throw unsupported(); }
    @Override public void updateNClob(String arg0, NClob arg1) throws SQLException { throw unsupported(); }
    @Override public NClob getNClob(int arg0) throws SQLException { throw unsupported(); }
    @Override public NClob getNClob(String arg0) throws SQLException { throw unsupported(); }
    @Override public SQLXML getSQLXML(int arg0) throws SQLException { throw unsupported(); }
    @Override public SQLXML getSQLXML(String arg0) throws SQLException { throw unsupported(); }
    @Override public void updateSQLXML(int arg0, SQLXML arg1) throws SQLException { throw unsupported(); }
    @Override public void updateSQLXML(String arg0, SQLXML arg1) throws SQLException { throw unsupported(); }
    @Override public String getNString(int arg0) throws SQLException { throw unsupported(); }
    @Override public String getNString(String arg0) throws SQLException { throw unsupported(); }
    @Override public java.io.Reader getNCharacterStream(int arg0) throws SQLException { throw unsupported(); }
    @Override public java.io.Reader getNCharacterStream(String arg0) throws SQLException { throw unsupported(); }
    @Override public void updateNCharacterStream(int arg0, java.io.Reader arg1, long arg2) throws SQLException { throw unsupported(); }
    @Override public void updateNCharacterStream(String arg0, java.io.Reader arg1, long arg2) throws SQLException { throw unsupported(); }
    @Override public void updateAsciiStream(int arg0, java.io.InputStream arg1, long arg2) throws SQLException { throw unsupported(); }
    @Override public void updateBinaryStream(int arg0, java.io.InputStream arg1, long arg2) throws SQLException { throw unsupported(); }
    @Override public void updateCharacterStream(int arg0, java.io.Reader arg1, long arg2) throws SQLException { throw unsupported(); }
    @Override public void updateAsciiStream(String arg0, java.io.InputStream arg1, long arg2) throws SQLException { throw unsupported(); }
    @Override public void updateBinaryStream(String arg0, java.io.InputStream arg1, long arg2) throws SQLException { throw unsupported(); }
    @Override public void updateCharacterStream(String arg0, java.io.Reader arg1, long arg2) throws SQLException { throw unsupported(); }
    @Override public void updateBlob(int arg0, java.io.InputStream arg1, long arg2) throws SQLException { throw unsupported(); }
    @Override public void updateBlob(String arg0, java.io.InputStream arg1, long arg2) throws SQLException { throw unsupported(); }
    @Override public void updateClob(int arg0, java.io.Reader arg1, long arg2) throws SQLException { throw unsupported(); }
    @Override public void updateClob(String arg0, java.io.Reader arg1, long arg2) throws SQLException { throw unsupported(); }
    @Override public void updateNClob(int arg0, java.io.Reader arg1, long arg2) throws SQLException { throw unsupported(); }
    @Override public void updateNClob(String arg0, java.io.Reader arg1, long arg2) throws SQLException { throw unsupported(); }
    @Override public void updateNCharacterStream(int arg0, java.io.Reader arg1) throws SQLException { throw unsupported(); }
    @Override public void updateNCharacterStream(String arg0, java.io.Reader arg1) throws SQLException { throw unsupported(); }
    @Override public void updateAsciiStream(int arg0, java.io.InputStream arg1) throws SQLException { throw unsupported(); }
    @Override public void updateBinaryStream(int arg0, java.io.InputStream arg1) throws SQLException { throw unsupported(); }
    @Override public void updateCharacterStream(int arg0, java.io.Reader arg1) throws SQLException { throw unsupported(); }
    @Override public void updateAsciiStream(String arg0, java.io.InputStream arg1) throws SQLException { throw unsupported(); }
    @Override public void updateBinaryStream(String arg0, java.io.InputStream arg1) throws SQLException { throw unsupported(); }
    @Override public void updateCharacterStream(String arg0, java.io.Reader arg1) throws SQLException { throw unsupported(); }
    @Override public void updateBlob(int arg0, java.io.InputStream arg1) throws SQLException { throw unsupported(); }
    @Override public void updateBlob(String arg0, java.io.InputStream arg1) throws SQLException { throw unsupported(); }
    @Override public void updateClob(int arg0, java.io.Reader arg1) throws SQLException { throw unsupported(); }
    @Override public void updateClob(String arg0, java.io.Reader arg1) throws SQLException { throw unsupported(); }
    @Override public void updateNClob(int arg0, java.io.Reader arg1) throws SQLException { throw unsupported(); }
    @Override public void updateNClob(String arg0, java.io.Reader arg1) throws SQLException { throw unsupported(); }
    @Override public <T> T getObject(int arg0, Class<T> arg1) throws SQLException { throw unsupported(); }
    @Override public <T> T getObject(String arg0, Class<T> arg1) throws SQLException { throw unsupported(); }
    @Override public void updateObject(int arg0, Object arg1, SQLType arg2, int arg3) throws SQLException { throw unsupported(); }
    @Override public void updateObject(String arg0, Object arg1, SQLType arg2, int arg3) throws SQLException { throw unsupported(); }
    @Override public void updateObject(int arg0, Object arg1, SQLType arg2) throws SQLException { throw unsupported(); }
    @Override public void updateObject(String arg0, Object arg1, SQLType arg2) throws SQLException { throw unsupported(); }
    @Override public <T> T unwrap(Class<T> arg0) throws SQLException { throw unsupported(); }
    @Override public boolean isWrapperFor(Class<?> arg0) throws SQLException { throw unsupported(); }
}

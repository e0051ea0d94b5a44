/**
 * Tables of runs in and out of files: CSV, TSV and JSON.
 *
 * <p>A table is a {@code List<Map<String, Object>>}, one map per row, whose iteration order is
 * the column order (rows are {@link java.util.LinkedHashMap}s). Cells are {@link Long},
 * {@link Double}, {@link String}, {@link Boolean} or {@code null}; JSON cells may also be
 * nested {@code List<Object>} and {@code Map<String, Object>}.
 *
 * <ul>
 *   <li>{@link org.qatlas.stdlib.table.TableFiles}: {@code save} and {@code load}, the format
 *       chosen by the file's extension.
 *   <li>{@link org.qatlas.stdlib.table.TableFileException}: every failure, with a message
 *       that names the file (and the line, row or column) as the user should read it.
 * </ul>
 */
package org.qatlas.stdlib.table;

package dev.flamegate.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NormalizerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            GET /orders/123                                        | GET /orders/{n}
            GET /api/v2/orders/123/lines/7                         | GET /api/v2/orders/{n}/lines/{n}
            GET /users/0f8fad5b-d9cb-469f-a165-70867728950e         | GET /users/{uuid}
            commit 9fceb02d0ae598e95dc970b74767f19372d61af8e       | commit {hex}
            object 0x7ffe4a2c                                      | object {hex}
            deadbeef stays a word                                  | deadbeef stays a word
            job 'nightly-2024' for "alice"                         | job ? for ?
            version 1.5.0 of h2                                    | version {n} of h2
            order-42                                               | order-{n}
            utf8 and sha256                                        | utf8 and sha256
            """)
    void identifiers(String raw, String expected) {
        assertThat(Normalizer.identifiers(raw)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            SELECT * FROM orders WHERE id = 42                               | SELECT * FROM orders WHERE id = ?
            select name from t where name = 'O''Brien' and x = 'a\\'b'       | select name from t where name = ? and x = ?
            SELECT * FROM t WHERE id IN (1, 2, 3, 4)                         | SELECT * FROM t WHERE id IN (?)
            SELECT * FROM t WHERE id in ( ?,?,? )                            | SELECT * FROM t WHERE id in (?)
            INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y'), (3, 'z')         | INSERT INTO t (a, b) VALUES (?, ?)
            UPDATE t SET v = 1.5e-3, w = 0x1F WHERE id = $1                  | UPDATE t SET v = ?, w = ? WHERE id = ?
            SELECT "Order".id2 FROM "Order" -- trailing 42                  | SELECT "Order".id2 FROM "Order"
            SELECT /* user 42 */ a    FROM   t1                              | SELECT a FROM t1
            SELECT * FROM t WHERE d = '2024-01-01' AND u = 'a@b.c'           | SELECT * FROM t WHERE d = ? AND u = ?
            """)
    void statements(String raw, String expected) {
        assertThat(Normalizer.statement(raw)).isEqualTo(expected);
    }
}

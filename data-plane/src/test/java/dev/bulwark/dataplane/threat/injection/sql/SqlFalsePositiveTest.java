package dev.bulwark.dataplane.threat.injection.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.policy.ThreatSensitivity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What ordinary traffic looks like, and what the detector must leave alone at the default
 * sensitivity. The list is written for this test: names with apostrophes, prose in several languages
 * with the words SQL uses, addresses, product searches, identifiers, encodings, code-ish searches,
 * headers, and questions about SQL.
 */
class SqlFalsePositiveTest {

    private static final SqlInjectionDetector DETECTOR = new SqlInjectionDetector();

    static final String[] NAMES = {"O'Brien", "Mary O'Connor-Smith", "D'Angelo", "Guns N' Roses", "O'Reilly Media; O'Reilly Auto",
        "James's car", "Chris' book", "Students' grades", "y'all", "'tis the season", "Ain't nobody got time for that",
        "It's 5 o'clock somewhere", "rock 'n' roll", "Rock'n'Roll", "D'Artagnan or Athos"};

    static final String[] PROSE = {"It's a beautiful day, isn't it?", "I'm not sure; maybe tomorrow.",
        "Don't select the red one, select the blue one", "Please select one option from the list below",
        "Select all that apply", "Select 2 items", "The union of two sets", "Trade union members select a leader",
        "Order by phone or email", "order by date", "sort by price and rating", "Tom and Jerry", "cats or dogs",
        "She said 'yes' and left", "He said \"no\" or maybe \"yes\"", "the word 'or' is a conjunction",
        "\"Where the Wild Things Are\"", "'Union Station'", "Drop me a line", "drop by sometime", "Delete from cart",
        "Update your profile", "Create table layout", "Insert coin to continue", "Execute the plan", "where is my order?",
        "From Paris with love", "Hello from the other side", "Hello; how are you?", "Done; update the docs later",
        "Paid; select next item", "We'll select the winners on Friday; stay tuned!", "Our union's members voted; the results are in.",
        "The meeting is from 2 to 4; please don't be late.", "I said: \"drop it\"; he didn't.", "I like you", "I like you!",
        "This is like no other", "Just in case (abc)", "Available in (red, blue)", "Age between 18 and 25",
        "email is required", "name is null or empty", "Nothing is true", "True or false?", "I sleep well!",
        "Get more sleep (8 hours)", "benchmark results 2024", "My version of events", "The database is down", "Group by age",
        "having fun", "limit 10 per page", "Top 10 movies", "procedure for refunds", "declare independence", "set the table",
        "show tables and chairs", "use case", "copy that", "call me maybe", "Call mom (later)", "begin again", "if you can",
        "with love", "values and beliefs", "case closed", "when in Rome", "end of story", "Max (the dog)", "Date (optional)",
        "Left (for right handed users) and right (for left handed users)", "One quarter (24%) of people",
        "A loaded ghost gun (unserialized) was recovered in the car.", "it is my belief (stemming from experience), that",
        "Below the rank of species (unnamed) rank ; these have since acquired names",
        "An advocate says the city's rewrite of the code would help, but there's room to do more.",
        "As you near your last year of trick or treating, though, sometimes jokes aren't enough.",
        "Don't stop me now --Queen", "Fix: don't drop the table when migrating (#123)", "It's like, whatever",
        "C'est simple: si les feux sont au vert, l'assistance peut intervenir", "l'union européenne", "L'or et l'argent",
        "J'ai dit qu'il viendrait", "dell'ordine", "Mi szép, mi édes azt szeretni a\u2019 kinek",
        "He\u2019s here and she\u2019s there", "\u201cQuoted\u201d text with \u2018smart\u2019 quotes",
        "Schauen Sie sich diese Zahl an: 1'000'000", "The 90's were great", "Click '#' to continue",
        "channel '#general'", "Use the '--force' flag", "Run `git commit` from the CLI", "Meet @ 5pm; bring snacks"};

    static final String[] DATA = {"1 or 2", "2 or 3 days", "1-2", "2021-04-11", "555-123-4567", "+1 (555) 123-4567",
        "12:30:45", "3.14159", "1e10", "0x1F", "1,000,000", "-42", "99.99%", "50% off", "1+1=2", "2+2=5", "E=mc2", "x=1",
        "a=b", "key=value", "a=1&b=2", "price<100", "<3", "I Love you <3", ":)", "!!!", "???", "-", "--", "...", "&", "|",
        "@@@", "@john thanks!", "#hashtag", "#1 best seller", "true", "null", "NULL", "N/A", "user@example.com",
        "first.last+tag@sub.example.co.uk", "https://example.com/search?q=select+best&sort=price",
        "http://example.com/a/b?x=1&y=2#top", "/api/v1/users/123", "../images/logo.png", "C:\\Program Files\\App",
        "{\"name\":\"John\",\"tags\":[\"a\",\"b\"]}", "{\"query\":\"select\",\"order\":\"asc\"}", "[1,2,3]", "<b>bold</b>",
        "aGVsbG8gd29ybGQ=", "SGVsbG8sIFdvcmxkIQ==", "d41d8cd98f00b204e9800998ecf8427e",
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
        "550e8400-e29b-41d4-a716-446655440000", "my--slugified-url", "IwAR1dug0BYxe0ukhZ2vKrdQwLAxVFRJ--Q2Y7OBJE",
        "v1.2.3-beta", "ISBN 978-3-16-148410-0", "Version 1.e of the document", "see 1.e.g. below", "$100 or best offer",
        "(objectSID=S-1-5-21-73586283-152049171-839522115-1111)", "(userAccountControl:1.2.840.113556.1.4.803:=67108864)",
        "(1+2)+(3+4)", "foo|bar", "filter=status:active"};

    static final String[] PLACES_AND_PRODUCTS = {"10 Downing Street, London SW1A 2AA", "221B Baker Street",
        "999, rue d'Arlon", "Apt. 4B; 123 Main St.", "P.O. Box 42", "red shoes size 42", "iPhone 15 Pro Max 256GB",
        "laptop under $1000", "men's running shoes", "kids' toys & games", "50\" TV", "2x4 lumber 8ft", "coffee table (oak)",
        "table for 4", "Union Pacific", "Select Comfort mattress", "Order of the Phoenix", "Drop Top convertible"};

    static final String[] CODE_AND_HEADERS = {"Math.max(a, b)", "np.round(x, 2)", "str.replace('a', 'b')",
        "array.map(x => x * 2)", "if (a > b) return a;", "for (int i = 0; i < n; i++)", "x = (a + b) / 2", "a == b", "a != b",
        "a -> b", "ptr->next", "std::vector<int>", "std::string", "printf(\"%d\\n\", x);", "git log --oneline --graph",
        "ls -la /tmp", "npm install --save-dev", "--verbose", "-- comment", "a || b", "a && b", "foo(bar)", "executor()",
        "exec (", "Execute", "sleep", "status=active and type=1", "if foo==", "while(!true);", "var x = (a < b) ? c : d; // c",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
        "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "en-US,en;q=0.5", "bytes=0-1023",
        "no-cache, no-store, must-revalidate", "max-age=31536000; includeSubDomains", "session=abc123; theme=dark",
        "/*! jQuery v3.7.1 | (c) OpenJS Foundation */"};

    /** Questions about SQL: the words and even the names of functions, but not SQL in SQL's positions. */
    static final String[] SQL_QUESTIONS = {"how to select a column in pandas", "what does union all do in sql",
        "how do I use GROUP_CONCAT in MySQL", "difference between where and having", "sql injection examples",
        "SELECT tutorial for beginners", "join two tables in sql", "SUM of column in excel",
        "what does version() return in mysql", "query information_schema.tables to list tables",
        "is sleep() blocking in php?", "how to order by two columns"};

    @Test
    void ordinaryValuesAreLeftAloneByDefault() {
        List<String> flagged = new ArrayList<>();
        for (String[] list : new String[][] {NAMES, PROSE, DATA, PLACES_AND_PRODUCTS, CODE_AND_HEADERS, SQL_QUESTIONS}) {
            for (String value : list) {
                String rule = DETECTOR.match(value, ThreatSensitivity.DEFAULT);
                if (rule != null) {
                    flagged.add(rule + ": " + value);
                }
            }
        }
        assertThat(flagged).isEmpty();
    }

    @Test
    void strictStaysQuietOnNamesDataAndMostProse() {
        List<String> flagged = new ArrayList<>();
        for (String[] list : new String[][] {NAMES, DATA, PLACES_AND_PRODUCTS, SQL_QUESTIONS}) {
            for (String value : list) {
                String rule = DETECTOR.match(value, ThreatSensitivity.STRICT);
                if (rule != null) {
                    flagged.add(rule + ": " + value);
                }
            }
        }
        assertThat(flagged).as("strict is allowed prose with SQL keywords (order by date), not these")
                .containsExactly("sql-tautology: 1 or 2");
    }

    /**
     * Values that are SQL, though a person could type them: judged and reported at the default level,
     * because a value that is itself a working query fragment is what an injection looks like from
     * the gateway, and the schema (a typed parameter) is the way to let such a field through.
     */
    @Test
    void valuesThatAreThemselvesSqlAreReportedDeliberately() {
        String[] judged = {"SELECT * FROM users", "version()", "information_schema", "1=1", "IS NULL", "round(2.5)",
            "in (1, 2)", "select 1, 2", "union select", "sleep(5)"};
        for (String value : judged) {
            assertThat(DETECTOR.match(value, ThreatSensitivity.DEFAULT)).as(value).isNotNull();
        }
    }
}

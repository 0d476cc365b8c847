package dev.bulwark.dataplane.threat.injection.sql;

/**
 * The fixed vocabulary the tokenizer recognises, across MySQL, PostgreSQL, SQL Server, Oracle and
 * SQLite: each word has an id (its index) and a set of roles. A word may have several roles
 * ({@code replace} is a statement and a function, {@code char} a type and a function); the grammar
 * walk picks the role from the position.
 *
 * <p>Lookup is case-insensitive and allocation-free: an open-addressing table keyed by a hash of the
 * folded characters, compared in place against the input.
 */
final class SqlKeywords {

    static final int LOGIC_OR = 1;          // or, xor
    static final int LOGIC_AND = 1 << 1;    // and
    static final int NOT = 1 << 2;
    static final int STATEMENT = 1 << 3;    // starts a statement
    static final int CLAUSE = 1 << 4;       // continues a query after an operand (from, where, order ...)
    static final int BINARY = 1 << 5;       // word operators between two operands (like, in, is ...)
    static final int POSTFIX = 1 << 6;      // isnull, notnull
    static final int LITERAL = 1 << 7;      // a complete operand on its own (null, true, current_user ...)
    static final int PREFIX = 1 << 8;       // may start an operand (distinct, exists, interval, case ...)
    static final int CASE_PART = 1 << 9;    // when, then, else (end closes)
    static final int FUNC_TIME = 1 << 10;   // delays: sleep, benchmark, pg_sleep ...
    static final int FUNC_PROBE = 1 << 11;  // functions that only make sense as database reconnaissance or abuse
    static final int FUNC = 1 << 12;        // ordinary built-in functions
    static final int CATALOG = 1 << 13;     // system catalogs, procedures and packages
    static final int TYPE = 1 << 14;        // type names (casts, declarations)
    static final int OBJECT = 1 << 15;      // object kinds after create/drop/alter
    static final int SYSVAR = 1 << 16;      // @@ variables worth reporting

    private static final String[][] GROUPS = {
        {"L_OR", "or", "xor"},
        {"L_AND", "and"},
        {"NOT", "not"},
        {"STATEMENT", "select", "insert", "update", "delete", "drop", "create", "alter", "truncate", "exec", "execute",
            "declare", "set", "shutdown", "waitfor", "replace", "call", "grant", "revoke", "show", "use", "prepare",
            "deallocate", "handler", "load", "copy", "rename", "merge", "begin", "commit", "rollback", "do", "if", "with",
            "lock", "unlock", "kill", "backup", "restore", "dbcc", "print", "reconfigure", "describe", "explain", "values",
            "upsert", "attach", "pragma", "vacuum", "analyze"},
        {"CLAUSE", "from", "where", "group", "order", "having", "limit", "offset", "into", "union", "intersect", "except",
            "minus", "procedure", "for", "as", "on", "join", "inner", "outer", "cross", "natural", "left", "right", "full",
            "using", "asc", "desc", "top", "returning", "window", "fetch", "straight_join", "partition", "over", "returns"},
        {"BINARY", "like", "ilike", "rlike", "regexp", "glob", "similar", "sounds", "escape", "in", "between", "is", "div",
            "mod", "collate", "match", "against", "overlaps", "placing", "member"},
        {"POSTFIX", "isnull", "notnull"},
        {"LITERAL", "null", "true", "false", "unknown", "current_user", "current_date", "current_time",
            "current_timestamp", "localtime", "localtimestamp", "session_user", "system_user", "current_schema",
            "current_role", "utc_date", "utc_time", "utc_timestamp", "sysdate", "systimestamp", "user", "dual", "default"},
        {"PREFIX", "binary", "distinct", "distinctrow", "all", "any", "some", "exists", "interval", "case", "array", "row",
            "prior", "unique", "outfile", "dumpfile", "immediate"},
        {"CASE_PART", "when", "then", "else", "end"},
        {"FUNC_TIME", "sleep", "benchmark", "pg_sleep", "pg_sleep_for", "pg_sleep_until", "randomblob", "receive_message"},
        {"FUNC_PROBE", "database", "db_name", "schema", "version", "user", "system_user", "session_user", "user_name",
            "suser_name", "suser_sname", "host_name", "connection_id", "last_insert_id", "found_rows", "row_count",
            "extractvalue", "updatexml", "xmltype", "group_concat", "concat_ws", "load_file", "make_set", "name_const",
            "unhex", "export_set", "elt", "find_in_set", "ifnull", "sqlite_version", "sqlite_compileoption_used",
            "sqlite_compileoption_get", "pg_read_file", "pg_read_binary_file", "pg_ls_dir", "lo_import", "lo_export",
            "lo_get", "lo_from_bytea", "dblink", "dblink_exec", "current_database", "current_setting", "pg_typeof",
            "is_srvrolemember", "is_member", "serverproperty", "db_id", "object_id", "object_name", "col_name",
            "fn_varbintohexstr", "has_dbaccess", "json_keys", "json_search", "json_extract", "json_array",
            "json_arrayagg", "json_objectagg", "sys_context", "sys_eval", "sys_exec", "xp_cmdshell", "openrowset",
            "opendatasource", "openquery", "starts_with", "string_to_array", "unnest", "query_to_xml",
            "table_to_xml", "database_to_xml", "uuid_short", "master_pos_wait", "get_lock", "release_lock",
            "is_free_lock", "is_used_lock", "st_latfromgeohash", "st_longfromgeohash", "gtid_subset", "polygon",
            "multipoint", "linestring", "geometrycollection", "multilinestring", "multipolygon"},
        {"FUNC", "ascii", "char", "chr", "nchar", "concat", "substring", "substr", "mid", "left", "right", "length",
            "len", "lower", "upper", "lcase", "ucase", "trim", "ltrim", "rtrim", "replace", "reverse", "hex", "bin", "oct",
            "ord", "md5", "sha", "sha1", "sha2", "crc32", "cast", "convert", "count", "sum", "min", "max", "avg", "abs",
            "round", "floor", "ceil", "ceiling", "rand", "random", "sin", "cos", "tan", "cot", "asin", "acos", "atan",
            "log", "log10", "log2", "ln", "pow", "power", "sqrt", "mod", "if", "iif", "nullif", "isnull", "nvl", "nvl2",
            "coalesce", "decode", "encode", "date", "now", "curdate", "curtime", "year", "month", "day", "hour", "minute",
            "second", "quarter", "week", "weekday", "dayname", "monthname", "timestamp", "str_to_date", "date_format",
            "date_add", "date_sub", "datediff", "format", "instr", "locate", "position", "strcmp", "soundex", "space",
            "repeat", "lpad", "rpad", "insert", "field", "char_length", "character_length", "octet_length",
            "bit_length", "values", "greatest", "least", "to_char", "to_number", "to_date", "unistr", "overlay",
            "translate", "regexp_replace", "regexp_substr", "regexp_like", "string_agg", "array_agg", "listagg",
            "xmlagg", "likely", "unlikely", "likelihood", "array_to_string", "quotename", "stuff", "patindex",
            "charindex", "datalength", "getdate", "sysdatetime", "newid", "uuid", "collation", "charset", "coercibility",
            "bit_and", "bit_or", "bit_xor", "json_object", "sign", "truncate", "schema_name", "exp"},
        {"CATALOG", "information_schema", "pg_catalog", "pg_shadow", "pg_user", "pg_roles", "pg_database",
            "pg_authid", "pg_stat_activity", "pg_tables", "pg_class", "pg_namespace", "pg_proc", "pg_sleep",
            "sysobjects", "syscolumns", "sysdatabases", "syslogins", "sysusers", "sysprocesses", "sysservers",
            "sysmessages", "sysfiles", "msysaccessobjects", "msysobjects", "msysqueries", "msysrelationships", "msysaces",
            "sqlite_master", "sqlite_schema", "sqlite_temp_master", "all_tables", "all_tab_columns", "all_users",
            "dba_users", "dba_tables", "user_tab_columns", "all_objects", "dba_objects", "v$version", "v$instance",
            "v$database", "sysibm", "syscat", "xp_cmdshell", "xp_regread", "xp_regwrite", "xp_dirtree",
            "xp_fileexist", "xp_availablemedia", "xp_servicecontrol", "xp_loginconfig", "xp_subdirs",
            "xp_ntsec_enumdomains", "xp_reg_enumvalues", "xp_makecab", "xp_terminate_process", "sp_password",
            "sp_executesql", "sp_oacreate", "sp_oamethod", "sp_oagetproperty", "sp_makewebtask", "sp_addlogin",
            "sp_addsrvrolemember", "sp_configure", "sp_execute", "sp_prepare", "sp_helpdb", "sp_addextendedproc",
            "sp_replwritetovarbin", "openrowset", "opendatasource", "msdasql", "sqloledb", "utl_http", "utl_inaddr",
            "utl_file", "utl_smtp", "utl_tcp", "dbms_ldap", "dbms_pipe", "dbms_lock", "dbms_xmlgen", "dbms_java",
            "dbms_scheduler", "dbms_sql", "dbms_xmlquery", "dbms_export_extension", "dbms_session", "ctxsys",
            "httpuritype"},
        {"TYPE", "int", "integer", "smallint", "bigint", "tinyint", "mediumint", "char", "varchar", "varchar2",
            "nvarchar", "nvarchar2", "nchar", "text", "ntext", "bool", "boolean", "json", "jsonb", "numeric", "decimal",
            "float", "double", "real", "date", "time", "timestamp", "timestamptz", "datetime", "binary", "varbinary",
            "blob", "clob", "bytea", "unsigned", "signed", "uuid", "xml", "regclass", "oid", "money", "bit",
            "sql_variant", "inet", "cidr", "tsvector", "tsquery", "cursor", "table", "regproc"},
        {"OBJECT", "table", "database", "schema", "view", "procedure", "function", "index", "trigger", "user",
            "login", "column", "sequence", "role", "event", "tablespace", "temporary", "temp", "if", "materialized",
            "definer", "aggregate", "extension", "type", "domain", "synonym", "package", "library", "server"},
        {"SYSVAR", "version", "datadir", "hostname", "servername", "basedir", "tmpdir", "version_compile_os",
            "version_comment", "spid", "language", "identity", "secure_file_priv", "plugin_dir", "log_error", "port",
            "socket", "have_symlink", "general_log_file"},
        // words the grammar refers to by id, with no role of their own
        {"PLAIN", "by", "delay", "time", "to", "of", "outfile", "dumpfile", "infile", "data", "local", "analyse",
            "program", "local", "tables", "databases", "schemas", "grants", "columns", "processlist", "variables",
            "status", "add", "modify", "column", "owner", "password", "tran", "transaction", "deterministic",
            "language", "nocase", "xml", "json", "share", "nowait", "open", "cursor", "immediate"},
    };

    private static final char[][] WORDS;
    private static final int[] ROLES;
    private static final int[] SLOTS;   // slot -> word id + 1, 0 = empty
    private static final int MASK;
    private static final int MAX_LENGTH;

    static {
        java.util.LinkedHashMap<String, Integer> roles = new java.util.LinkedHashMap<>();
        for (String[] group : GROUPS) {
            int role = switch (group[0]) {
                case "L_OR" -> LOGIC_OR;
                case "L_AND" -> LOGIC_AND;
                case "NOT" -> NOT;
                case "STATEMENT" -> STATEMENT;
                case "CLAUSE" -> CLAUSE;
                case "BINARY" -> BINARY;
                case "POSTFIX" -> POSTFIX;
                case "LITERAL" -> LITERAL;
                case "PREFIX" -> PREFIX;
                case "CASE_PART" -> CASE_PART;
                case "FUNC_TIME" -> FUNC_TIME;
                case "FUNC_PROBE" -> FUNC_PROBE;
                case "FUNC" -> FUNC;
                case "CATALOG" -> CATALOG;
                case "TYPE" -> TYPE;
                case "OBJECT" -> OBJECT;
                case "SYSVAR" -> SYSVAR;
                case "PLAIN" -> 0;
                default -> throw new IllegalStateException(group[0]);
            };
            for (int i = 1; i < group.length; i++) {
                roles.merge(group[i], role, (a, b) -> a | b);
            }
        }
        WORDS = new char[roles.size()][];
        ROLES = new int[roles.size()];
        int size = Integer.highestOneBit(roles.size() * 4 - 1) << 1;
        SLOTS = new int[size];
        MASK = size - 1;
        int id = 0;
        int longest = 0;
        for (var entry : roles.entrySet()) {
            longest = Math.max(longest, entry.getKey().length());
            WORDS[id] = entry.getKey().toCharArray();
            ROLES[id] = entry.getValue();
            int slot = hash(WORDS[id], 0, WORDS[id].length) & MASK;
            while (SLOTS[slot] != 0) {
                slot = (slot + 1) & MASK;
            }
            SLOTS[slot] = id + 1;
            id++;
        }
        MAX_LENGTH = longest;
    }

    // Words the grammar names.
    static final int SELECT = id("select"), UNION = id("union"), ALL = id("all"), DISTINCT = id("distinct"),
        DISTINCTROW = id("distinctrow"), FROM = id("from"), WHERE = id("where"), GROUP = id("group"),
        ORDER = id("order"), BY = id("by"), HAVING = id("having"), LIMIT = id("limit"), INTO = id("into"),
        AS = id("as"), IS = id("is"), NOT_ = id("not"), NULL = id("null"), TRUE = id("true"), FALSE = id("false"),
        UNKNOWN = id("unknown"), IN = id("in"), LIKE = id("like"), BETWEEN = id("between"), CASE = id("case"),
        WHEN = id("when"), END = id("end"), OUTFILE = id("outfile"), DUMPFILE = id("dumpfile"),
        PROCEDURE = id("procedure"), ANALYSE = id("analyse"), WAITFOR = id("waitfor"), DELAY = id("delay"),
        TIME = id("time"), INSERT = id("insert"), REPLACE = id("replace"), UPDATE = id("update"),
        DELETE = id("delete"), DROP = id("drop"), CREATE = id("create"), ALTER = id("alter"),
        TRUNCATE = id("truncate"), EXEC = id("exec"), EXECUTE = id("execute"), DECLARE = id("declare"),
        SET = id("set"), VALUES = id("values"), TABLE = id("table"), LOAD = id("load"), DATA = id("data"),
        INFILE = id("infile"), LOCAL = id("local"), PREPARE = id("prepare"), SHOW = id("show"), COPY = id("copy"),
        PROGRAM = id("program"), TO = id("to"), IMMEDIATE = id("immediate"), EXISTS = id("exists"),
        COLLATE = id("collate"), SOUNDS = id("sounds"), SIMILAR = id("similar"),
        MEMBER = id("member"), OF = id("of"), ANY = id("any"), SOME = id("some"), FOR = id("for"),
        WITH = id("with"), JOIN = id("join"), ON = id("on"), ADD = id("add"), MODIFY = id("modify"),
        RENAME = id("rename"), TOP = id("top"), IF = id("if"), OR = id("or"), ARRAY = id("array"),
        SHUTDOWN = id("shutdown");

    private SqlKeywords() {
    }

    /** The id of the word in {@code text[from, to)}, or -1. */
    static int lookup(CharSequence text, int from, int to) {
        int length = to - from;
        if (length <= 0 || length > MAX_LENGTH) {
            return -1;
        }
        int h = 0x811c9dc5;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c >= 128) {
                return -1;
            }
            h = (h ^ lower(c)) * 0x01000193;
        }
        int slot = h & MASK;
        while (true) {
            int entry = SLOTS[slot];
            if (entry == 0) {
                return -1;
            }
            char[] word = WORDS[entry - 1];
            if (word.length == length && equalsFolded(word, text, from)) {
                return entry - 1;
            }
            slot = (slot + 1) & MASK;
        }
    }

    /** Every word of the vocabulary, lower case. */
    static java.util.List<String> words() {
        java.util.List<String> words = new java.util.ArrayList<>(WORDS.length);
        for (char[] word : WORDS) {
            words.add(new String(word));
        }
        return words;
    }

    static int roles(int id) {
        return id < 0 ? 0 : ROLES[id];
    }

    static boolean has(int id, int role) {
        return id >= 0 && (ROLES[id] & role) != 0;
    }

    static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    private static boolean equalsFolded(char[] word, CharSequence text, int from) {
        for (int i = 0; i < word.length; i++) {
            if (word[i] != lower(text.charAt(from + i))) {
                return false;
            }
        }
        return true;
    }

    private static int hash(char[] word, int from, int to) {
        int h = 0x811c9dc5;
        for (int i = from; i < to; i++) {
            h = (h ^ word[i]) * 0x01000193;
        }
        return h;
    }

    private static int id(String word) {
        int id = lookup(word, 0, word.length());
        if (id < 0) {
            throw new IllegalStateException("not a keyword: " + word);
        }
        return id;
    }
}

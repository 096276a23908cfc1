#include "loket/database.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

#include "loket/queue_store.hpp"

namespace loket {

namespace {

// Schema migrations keyed by PRAGMA user_version: migration i brings version i to i+1.
// Never edit a released migration; append a new one.
const std::array<const char*, 13> kMigrations = {
    R"sql(
CREATE TABLE tickets (
    id INTEGER PRIMARY KEY,
    local_date TEXT NOT NULL,          -- office-local issue date, YYYY-MM-DD
    origin_service TEXT NOT NULL,      -- the service whose sequence numbered it
    seq INTEGER NOT NULL,
    number TEXT NOT NULL,              -- 'A-012'
    service TEXT NOT NULL,             -- the line it waits in now
    priority TEXT NOT NULL DEFAULT '',
    is_priority INTEGER NOT NULL DEFAULT 0,
    permit_id TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL,
    issued_ms INTEGER NOT NULL,
    arrival_ms INTEGER NOT NULL,       -- queue position; kept on transfer
    called_ms INTEGER,
    started_ms INTEGER,
    finished_ms INTEGER,
    counter INTEGER,
    call_count INTEGER NOT NULL DEFAULT 0,
    status_token TEXT NOT NULL UNIQUE,
    idempotency_key TEXT UNIQUE,
    print_status TEXT NOT NULL DEFAULT 'pending',
    print_problem TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (local_date, origin_service, seq)
);
CREATE INDEX tickets_line ON tickets (local_date, service, state, is_priority, arrival_ms, id);
CREATE UNIQUE INDEX tickets_number ON tickets (local_date, number);
CREATE INDEX tickets_counter ON tickets (counter, state);

CREATE TABLE sequences (
    local_date TEXT NOT NULL,
    service TEXT NOT NULL,
    last INTEGER NOT NULL,
    PRIMARY KEY (local_date, service)
) WITHOUT ROWID;

-- One row per stay of a ticket at a counter: what wait estimates and day stats read.
CREATE TABLE visits (
    id INTEGER PRIMARY KEY,
    ticket_id INTEGER NOT NULL REFERENCES tickets(id),
    service TEXT NOT NULL,
    counter INTEGER NOT NULL,
    called_ms INTEGER NOT NULL,
    started_ms INTEGER,
    ended_ms INTEGER,
    outcome TEXT                       -- done, no_show, transferred, cancelled
);
CREATE INDEX visits_open ON visits (ticket_id, ended_ms);
CREATE INDEX visits_service ON visits (service, outcome, ended_ms);
CREATE INDEX visits_counter ON visits (counter, called_ms);

CREATE TABLE counters (
    number INTEGER PRIMARY KEY,
    state TEXT NOT NULL DEFAULT 'closed',
    pause_reason TEXT NOT NULL DEFAULT '',
    staff TEXT NOT NULL DEFAULT '',
    since_ms INTEGER
);

CREATE TABLE priority_streaks (
    service TEXT PRIMARY KEY,
    streak INTEGER NOT NULL
) WITHOUT ROWID;

-- The append-only event log: what displays replay and reports read.
CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    type TEXT NOT NULL,
    at_ms INTEGER NOT NULL,
    payload TEXT NOT NULL
);
CREATE INDEX events_type ON events (type, id);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
)sql",
    // 2: staff accounts and their login sessions (tokens stored hashed).
    R"sql(
CREATE TABLE users (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('staff', 'supervisor', 'admin')),
    password_hash TEXT NOT NULL,       -- Argon2id, libsodium crypto_pwhash_str format
    disabled INTEGER NOT NULL DEFAULT 0,
    created_ms INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_name TEXT NOT NULL REFERENCES users(name),
    created_ms INTEGER NOT NULL,
    expires_ms INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions (user_name);
)sql",
    // 3: office settings saved by an admin from the console; they replace the file's.
    R"sql(
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    saved_ms INTEGER NOT NULL,
    saved_by TEXT NOT NULL
) WITHOUT ROWID;
)sql",
    // 4: how many tickets wait in each line, kept by triggers in the same transaction as the
    // change. Every issue and call reports the waiting counts; counting the rows instead costs
    // a scan of the whole day, which on a busy day became most of the server's time.
    R"sql(
CREATE TABLE waiting_counts (
    local_date TEXT NOT NULL,
    service TEXT NOT NULL,
    is_priority INTEGER NOT NULL,
    waiting INTEGER NOT NULL,
    PRIMARY KEY (local_date, service, is_priority)
) WITHOUT ROWID;
INSERT INTO waiting_counts (local_date, service, is_priority, waiting)
    SELECT local_date, service, is_priority, COUNT(*) FROM tickets WHERE state = 'waiting'
    GROUP BY local_date, service, is_priority;
CREATE TRIGGER waiting_counts_on_insert AFTER INSERT ON tickets WHEN NEW.state = 'waiting'
BEGIN
    INSERT INTO waiting_counts (local_date, service, is_priority, waiting)
    VALUES (NEW.local_date, NEW.service, NEW.is_priority, 1)
    ON CONFLICT (local_date, service, is_priority) DO UPDATE SET waiting = waiting + 1;
END;
CREATE TRIGGER waiting_counts_on_leave
AFTER UPDATE OF state, service, is_priority, local_date ON tickets WHEN OLD.state = 'waiting'
BEGIN
    UPDATE waiting_counts SET waiting = waiting - 1
    WHERE local_date = OLD.local_date AND service = OLD.service AND is_priority = OLD.is_priority;
END;
CREATE TRIGGER waiting_counts_on_enter
AFTER UPDATE OF state, service, is_priority, local_date ON tickets WHEN NEW.state = 'waiting'
BEGIN
    INSERT INTO waiting_counts (local_date, service, is_priority, waiting)
    VALUES (NEW.local_date, NEW.service, NEW.is_priority, 1)
    ON CONFLICT (local_date, service, is_priority) DO UPDATE SET waiting = waiting + 1;
END;
CREATE TRIGGER waiting_counts_on_delete AFTER DELETE ON tickets WHEN OLD.state = 'waiting'
BEGIN
    UPDATE waiting_counts SET waiting = waiting - 1
    WHERE local_date = OLD.local_date AND service = OLD.service AND is_priority = OLD.is_priority;
END;
)sql",
    // 5: applications (berkas) after the Pendaftaran counter: registration, the SOP clock and
    // its pauses, the back-office steps, pickup; incomplete visits; staff duties; who read an
    // applicant's personal data (docs/applications.md).
    R"sql(
CREATE TABLE registration_sequences (
    year INTEGER PRIMARY KEY,          -- office-local year of registration
    last INTEGER NOT NULL
);
-- The permit catalog entries files were registered under, by content: files of one permit
-- and catalog version share one row, and a later catalog edit adds a row, never changes one.
-- Kept apart from applications so the board's scans read small rows only.
CREATE TABLE catalog_snapshots (
    hash TEXT PRIMARY KEY,             -- FNV-1a 64 of snapshot
    permit_id TEXT NOT NULL,
    snapshot TEXT NOT NULL             -- the permit's catalog JSON
);
-- The workflows files follow (steps, duties, clock start), by content, as above.
CREATE TABLE application_workflows (
    id INTEGER PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    workflow TEXT NOT NULL             -- JSON {steps: [...], clock_start_step}
);
CREATE TABLE applications (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,       -- registration number, e.g. 0001/DPMPTSP/XII/2026
    year INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    status_token TEXT NOT NULL UNIQUE, -- the secret in the receipt's QR code
    permit_id TEXT NOT NULL,
    permit_name TEXT NOT NULL,
    catalog_hash TEXT NOT NULL REFERENCES catalog_snapshots(hash),  -- pinned at registration
    workflow_id INTEGER NOT NULL REFERENCES application_workflows(id),
    applicant_type TEXT NOT NULL CHECK (applicant_type IN ('perorangan', 'badan_usaha')),
    by_proxy INTEGER NOT NULL DEFAULT 0,
    applicant_name TEXT NOT NULL,      -- personal data
    business_name TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',    -- personal data; only with consent
    phone_consent_text TEXT,
    phone_consent_ms INTEGER,
    ticket_id INTEGER REFERENCES tickets(id),
    registered_ms INTEGER NOT NULL,
    registered_by TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('in_process', 'paused', 'completed', 'ready',
                                         'picked_up')),
    outcome TEXT CHECK (outcome IN ('approved', 'rejected')),
    step_index INTEGER,                -- into workflow; NULL once completed
    step_number INTEGER,               -- the SOP's number of the current step
    duty TEXT,                         -- who acts on the current step
    assignee TEXT,                     -- the staff member working on it, if one took it
    step_started_ms INTEGER,
    clock_started_ms INTEGER,          -- NULL until the SOP clock starts
    standard_amount INTEGER,           -- the service standard; NULL when none applies
    standard_unit TEXT,
    due_ms INTEGER,                    -- while the clock runs: when the standard runs out
    at_risk_ms INTEGER,                -- while the clock runs: when it becomes at risk
    warn_ms INTEGER,                   -- while the clock runs: when supervisors are warned
    warned_ms INTEGER,                 -- when the due-soon warning went out
    needed TEXT NOT NULL DEFAULT '',   -- what the applicant must bring or correct, if anything
    oss_status INTEGER,                -- the latest OSS licence status code that applies
    completed_ms INTEGER,
    ready_ms INTEGER,
    pickup_ticket_id INTEGER REFERENCES tickets(id),
    picked_up_ms INTEGER,
    handed_over_by TEXT,
    received_by TEXT,                  -- personal data
    note TEXT NOT NULL DEFAULT '',
    updated_ms INTEGER NOT NULL,
    UNIQUE (year, seq)
);
CREATE INDEX applications_board ON applications (state, due_ms, id);
CREATE INDEX applications_permit ON applications (permit_id, state);
CREATE INDEX applications_duty ON applications (duty, state);
CREATE INDEX applications_assignee ON applications (assignee, state);
CREATE INDEX applications_warn ON applications (warn_ms) WHERE warned_ms IS NULL;
CREATE INDEX applications_pickup_ticket ON applications (pickup_ticket_id);
CREATE INDEX applications_registered ON applications (registered_ms);

-- The checklist as checked at the counter: only the requirements that apply.
CREATE TABLE application_requirements (
    application_id INTEGER NOT NULL REFERENCES applications(id),
    position INTEGER NOT NULL,         -- index in the pinned permit's requirements
    text TEXT NOT NULL,
    applies_to TEXT NOT NULL,
    PRIMARY KEY (application_id, position)
) WITHOUT ROWID;

-- Each stay of a file at a step: who ended it, how, and its time against the step's standard.
CREATE TABLE application_steps (
    id INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications(id),
    step_index INTEGER NOT NULL,
    step_number INTEGER NOT NULL,
    branch TEXT NOT NULL,
    duty TEXT NOT NULL,
    started_ms INTEGER NOT NULL,
    ended_ms INTEGER,
    action TEXT CHECK (action IN ('done', 'returned', 'rejected')),
    by_user TEXT,
    note TEXT NOT NULL DEFAULT '',
    elapsed_minutes INTEGER,           -- wall-clock, pauses included
    standard_text TEXT NOT NULL DEFAULT '',
    used_share REAL                    -- counted time / the step's standard; NULL without one
);
CREATE INDEX application_steps_by_application ON application_steps (application_id, id);

-- Stops of the SOP clock (OSS 41) and their restarts (OSS 42).
CREATE TABLE application_pauses (
    id INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications(id),
    reason TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    from_ms INTEGER NOT NULL,
    until_ms INTEGER,
    paused_by TEXT NOT NULL,
    resumed_by TEXT
);
CREATE INDEX application_pauses_by_application ON application_pauses (application_id, id);

-- OSS licence status codes as they applied over time, for a later connection to push.
CREATE TABLE application_oss_statuses (
    id INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications(id),
    code INTEGER NOT NULL,
    at_ms INTEGER NOT NULL,
    event TEXT NOT NULL
);
CREATE INDEX application_oss_by_application ON application_oss_statuses (application_id, id);

-- Files found incomplete at the counter ('berkas belum lengkap'): no personal data.
CREATE TABLE incomplete_visits (
    id INTEGER PRIMARY KEY,
    permit_id TEXT NOT NULL,
    applicant_type TEXT NOT NULL,
    ticket_id INTEGER REFERENCES tickets(id),
    missing TEXT NOT NULL,             -- JSON array of {position, text}
    note TEXT NOT NULL DEFAULT '',
    by_user TEXT NOT NULL,
    at_ms INTEGER NOT NULL,
    application_id INTEGER REFERENCES applications(id)  -- the later complete registration
);
CREATE INDEX incomplete_visits_at ON incomplete_visits (at_ms);

-- Idempotency keys of application requests (scoped by caller), with what they produced.
CREATE TABLE application_requests (
    key TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    application_id INTEGER,
    visit_id INTEGER,
    ticket_id INTEGER,
    at_ms INTEGER NOT NULL
) WITHOUT ROWID;

-- Who read an applicant's personal data, when, and why.
CREATE TABLE personal_data_access (
    id INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications(id),
    user_name TEXT NOT NULL,
    purpose TEXT NOT NULL,
    at_ms INTEGER NOT NULL
);
CREATE INDEX personal_data_access_by_application ON personal_data_access (application_id, id);

-- Back-office duties of staff accounts (verifikator, tim_teknis, ...).
CREATE TABLE user_duties (
    user_name TEXT NOT NULL REFERENCES users(name),
    duty TEXT NOT NULL,
    PRIMARY KEY (user_name, duty)
) WITHOUT ROWID;
)sql",
    // 6: the satisfaction survey (SKM): anonymous responses, which visits have answered, and
    // the follow-up plan (docs/skm.md). A response row names no ticket and no time of day, and
    // a visit row names no response, so an answer cannot be traced back to the visit.
    R"sql(
CREATE TABLE survey_responses (
    id INTEGER PRIMARY KEY,
    channel TEXT NOT NULL CHECK (channel IN ('visit', 'counter', 'kiosk')),
    local_date TEXT NOT NULL,          -- office-local date received, YYYY-MM-DD
    service TEXT NOT NULL,
    permit_id TEXT NOT NULL DEFAULT '',
    persyaratan INTEGER NOT NULL CHECK (persyaratan BETWEEN 1 AND 4),
    prosedur INTEGER NOT NULL CHECK (prosedur BETWEEN 1 AND 4),
    waktu INTEGER NOT NULL CHECK (waktu BETWEEN 1 AND 4),
    biaya INTEGER NOT NULL CHECK (biaya BETWEEN 1 AND 4),
    produk INTEGER NOT NULL CHECK (produk BETWEEN 1 AND 4),
    kompetensi INTEGER NOT NULL CHECK (kompetensi BETWEEN 1 AND 4),
    perilaku INTEGER NOT NULL CHECK (perilaku BETWEEN 1 AND 4),
    pengaduan INTEGER NOT NULL CHECK (pengaduan BETWEEN 1 AND 4),
    sarana INTEGER NOT NULL CHECK (sarana BETWEEN 1 AND 4),
    age INTEGER NOT NULL,
    sex TEXT NOT NULL,
    education TEXT NOT NULL,
    occupation TEXT NOT NULL,
    saran TEXT NOT NULL DEFAULT '',
    device TEXT,                       -- kiosk responses only: the kiosk (its rate limit)
    received_ms INTEGER,               -- kiosk responses only
    idempotency_key TEXT UNIQUE        -- kiosk responses only, scoped by the kiosk
);
CREATE INDEX survey_responses_date ON survey_responses (local_date, service);
CREATE INDEX survey_responses_device ON survey_responses (device, received_ms)
    WHERE device IS NOT NULL;

-- Visits (tickets) that answered: one response per visit.
CREATE TABLE survey_visits (
    ticket_id INTEGER PRIMARY KEY REFERENCES tickets(id),
    local_date TEXT NOT NULL,          -- when it answered
    idempotency_key TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

-- The follow-up plan (rencana tindak lanjut) of a survey period.
CREATE TABLE survey_follow_ups (
    id INTEGER PRIMARY KEY,
    period TEXT NOT NULL,              -- '2026-12', '2026-Q4', '2026-S2', '2026'
    element TEXT NOT NULL,
    action TEXT NOT NULL,
    owner TEXT NOT NULL,
    deadline TEXT NOT NULL,            -- YYYY-MM-DD
    status TEXT NOT NULL CHECK (status IN ('direncanakan', 'berjalan', 'selesai')),
    percent_done INTEGER NOT NULL CHECK (percent_done BETWEEN 0 AND 100),
    updated_ms INTEGER NOT NULL,
    updated_by TEXT NOT NULL
);
CREATE INDEX survey_follow_ups_period ON survey_follow_ups (period, id);
)sql",
    // 7: which applications answered the survey through their receipt's QR code.
    R"sql(
-- Applications that answered through their receipt's QR code: one response per application,
-- kept apart from the responses like survey_visits.
CREATE TABLE survey_applications (
    application_id INTEGER PRIMARY KEY REFERENCES applications(id),
    local_date TEXT NOT NULL,          -- when it answered
    idempotency_key TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
)sql",
    // 8: complaints (pengaduan): the complaint, its state history, staff notes, idempotency
    // keys and who read its sender's name and contact (docs/complaints.md). Name and contact
    // are kept only with consent and erased 90 days after closing; the sender's address and
    // kiosk are kept for the rate limits and cleared once a day has passed.
    R"sql(
CREATE TABLE complaints (
    id INTEGER PRIMARY KEY,
    tracking_number TEXT NOT NULL UNIQUE,  -- 'ADU-7K3M-9QX2'
    category TEXT NOT NULL,
    channel TEXT NOT NULL,
    text TEXT NOT NULL,
    name TEXT,
    contact TEXT,
    anonymous INTEGER NOT NULL,            -- sent without a name (stays after erasure)
    personal_erased INTEGER NOT NULL DEFAULT 0,
    ticket_id INTEGER REFERENCES tickets(id),
    state TEXT NOT NULL CHECK (state IN ('diterima', 'diverifikasi', 'diproses', 'selesai',
                                         'ditolak')),
    received_on TEXT NOT NULL,             -- office-local date, YYYY-MM-DD
    due_on TEXT NOT NULL,
    closed_on TEXT,
    closed_ms INTEGER,
    reply TEXT,
    rejection_reason TEXT,
    assignee TEXT REFERENCES users(name),
    received_ms INTEGER NOT NULL,
    source_address TEXT,                   -- web submissions: the client's address
    source_device TEXT,                    -- kiosk submissions: the kiosk
    reminded_14 INTEGER NOT NULL DEFAULT 0,
    reminded_7 INTEGER NOT NULL DEFAULT 0,
    reminded_overdue INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX complaints_state ON complaints (state, due_on);
CREATE INDEX complaints_received ON complaints (received_on);
CREATE INDEX complaints_address ON complaints (source_address, received_ms)
    WHERE source_address IS NOT NULL;
CREATE INDEX complaints_device ON complaints (source_device, received_ms)
    WHERE source_device IS NOT NULL;

CREATE TABLE complaint_history (
    id INTEGER PRIMARY KEY,
    complaint_id INTEGER NOT NULL REFERENCES complaints(id),
    state TEXT NOT NULL,
    on_date TEXT NOT NULL,                 -- office-local date
    at_ms INTEGER NOT NULL,
    staff TEXT                             -- null for the receipt
);
CREATE INDEX complaint_history_by_complaint ON complaint_history (complaint_id, id);

CREATE TABLE complaint_notes (
    id INTEGER PRIMARY KEY,
    complaint_id INTEGER NOT NULL REFERENCES complaints(id),
    staff TEXT NOT NULL,
    at_ms INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX complaint_notes_by_complaint ON complaint_notes (complaint_id, id);

-- A retried submission (same sender, same Idempotency-Key) gets the first complaint.
CREATE TABLE complaint_idempotency (
    scoped_key TEXT PRIMARY KEY,
    complaint_id INTEGER NOT NULL REFERENCES complaints(id)
) WITHOUT ROWID;

-- Who read a complaint's name and contact (personal_data_access is for applications).
CREATE TABLE complaint_personal_data_access (
    id INTEGER PRIMARY KEY,
    complaint_id INTEGER NOT NULL REFERENCES complaints(id),
    user_name TEXT NOT NULL,
    purpose TEXT NOT NULL,
    at_ms INTEGER NOT NULL
);
CREATE INDEX complaint_personal_data_access_by_complaint
    ON complaint_personal_data_access (complaint_id, id);
)sql",
    // 9: the permit catalog each office maintains (docs/catalog-editing.md): every save a new
    // version, never overwritten; and the version of its permit each ticket was issued under.
    R"sql(
CREATE TABLE catalog_versions (
    id INTEGER PRIMARY KEY,
    permit_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    change TEXT NOT NULL CHECK (change IN ('seeded', 'created', 'updated', 'duplicated',
                                           'retired', 'restored', 'imported')),
    note TEXT NOT NULL DEFAULT '',
    saved_by TEXT NOT NULL,
    saved_ms INTEGER NOT NULL,
    retired INTEGER NOT NULL DEFAULT 0,
    document TEXT NOT NULL,               -- the permit in the catalog file format
    UNIQUE (permit_id, version)
);
ALTER TABLE tickets ADD COLUMN permit_version INTEGER;
)sql",
    // 10: the reports' reads by time range (docs/metrics.md): recalls and reactivations of a
    // range, each counter's events (who held it, open or paused), files finished in a range,
    // complaints closed in a range.
    R"sql(
CREATE INDEX events_type_at ON events (type, at_ms);
CREATE INDEX events_counter ON events (json_extract(payload, '$.counter.number'), at_ms)
    WHERE type IN ('counter.opened', 'counter.paused', 'counter.resumed', 'counter.closed',
                   'counter.taken_over');
CREATE INDEX applications_completed ON applications (completed_ms) WHERE completed_ms IS NOT NULL;
CREATE INDEX complaints_closed ON complaints (closed_on) WHERE closed_on IS NOT NULL;
)sql",
    // 11: personal data (docs/privacy.md): the event log stays append-only, but anonymisation
    // may rewrite a payload (never its id, type or time); the consent a complaint was sent
    // under; when an application's personal data was anonymised; and one log of staff reads,
    // exports and erasures of personal data besides the two per-record logs of migrations 5, 8.
    R"sql(
DROP TRIGGER events_no_update;
CREATE TRIGGER events_no_update BEFORE UPDATE OF id, type, at_ms ON events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
ALTER TABLE complaints ADD COLUMN consent_version TEXT;
ALTER TABLE complaints ADD COLUMN consent_ms INTEGER;
ALTER TABLE applications ADD COLUMN personal_erased_ms INTEGER;
CREATE TABLE privacy_log (
    id INTEGER PRIMARY KEY,
    at_ms INTEGER NOT NULL,
    user_name TEXT NOT NULL,           -- the staff account, or 'system' for the daily job
    action TEXT NOT NULL CHECK (action IN ('read', 'search', 'export', 'erase', 'anonymise')),
    record_kind TEXT,                  -- 'application', 'complaint' or NULL
    record_id INTEGER,
    fields TEXT NOT NULL DEFAULT '',   -- comma-separated
    detail TEXT NOT NULL DEFAULT ''    -- JSON: the query, the reason, counts
);
CREATE INDEX privacy_log_at ON privacy_log (at_ms);
)sql",
    // 12: the reports' figures of each day that can no longer change (docs/metrics.md, "Days
    // kept for the reports"): one row per office-local day, its groups' counts and durations in
    // a blob whose layout `format` names (shared/src/report/report.cpp). Derived data: deleting
    // a row only makes the next report read that day's tickets again.
    R"sql(
CREATE TABLE report_days (
    local_date TEXT PRIMARY KEY,
    format INTEGER NOT NULL,
    computed_ms INTEGER NOT NULL,
    data BLOB NOT NULL
);
)sql",
    // 13: a pause's reason as a code of loket/pause_reason.hpp, beside its free-text note. A
    // counter paused before it has no code: it is read from its text (legacy_pause_reason).
    R"sql(
ALTER TABLE counters ADD COLUMN pause_reason_code TEXT NOT NULL DEFAULT '';
)sql",
};

void migrate(SQLite::Database& db) {
    const int version = db.execAndGet("PRAGMA user_version").getInt();
    if (version > static_cast<int>(kMigrations.size())) {
        throw StorageError("the database schema (version " + std::to_string(version) +
                           ") is newer than this program knows; upgrade Loket");
    }
    for (int v = version; v < static_cast<int>(kMigrations.size()); ++v) {
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        // Another process may have migrated while this one waited for the lock.
        if (db.execAndGet("PRAGMA user_version").getInt() > v)
            continue;
        db.exec(kMigrations[v]);
        db.exec("PRAGMA user_version = " + std::to_string(v + 1));
        tx.commit();
    }
}

}  // namespace

int schema_version() {
    return static_cast<int>(kMigrations.size());
}

std::unique_ptr<SQLite::Database> open_database(const std::filesystem::path& path,
                                                const StoreOptions& options) {
    try {
        auto db = std::make_unique<SQLite::Database>(
            path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_FULLMUTEX,
            options.busy_timeout_ms);
        db->exec("PRAGMA journal_mode = WAL");
        db->exec(options.synchronous_full ? "PRAGMA synchronous = FULL"
                                          : "PRAGMA synchronous = NORMAL");
        db->exec("PRAGMA foreign_keys = ON");
        // Each write runs in a SAVEPOINT, whose undo copy (the statement journal) otherwise
        // spills to a temporary file past 64 KiB: a file created, written and deleted inside
        // many transactions. It is only needed until the transaction ends.
        db->exec("PRAGMA temp_store = MEMORY");
        // SQLite's default checkpoint every 1,000 WAL pages ran inside a busy morning's commits
        // several times a second, copying the same hot pages (the line's index, the counts)
        // back each time. At 10,000 pages (~40 MB of WAL) each copy folds many commits.
        db->exec("PRAGMA wal_autocheckpoint = 10000");
        migrate(*db);
        return db;
    } catch (const SQLite::Exception& e) {
        std::string why = e.what();
        // SQLite only says "unable to open"; name the usual cause.
        const auto folder =
            path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
        if (::access(folder.c_str(), W_OK) != 0) {
            why += errno == EROFS
                       ? " (the folder is on a read-only filesystem)"
                       : std::string(" (the folder is not writable: ") + std::strerror(errno) + ")";
        }
        throw StorageError("cannot open database " + path.string() + ": " + why);
    }
}

}  // namespace loket

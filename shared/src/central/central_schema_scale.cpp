// The central schema's migrations for reading at scale (docs/scale.md "How far it goes").
#include "central_migrations.hpp"

namespace loket::central {

// 10: the applications' and incomplete visits' figures are read office by office over a range
// of instants; their indexes led by the instant made each office's read walk every office's
// rows of the range (50 offices: 50 times over), and the files overdue now were found by
// reading each office's every file. Indexes led by the office replace them.
const char* const kCentralMigration10 = R"sql(
CREATE INDEX applications_office_registered ON loket.applications (office, registered_at);
CREATE INDEX applications_office_completed ON loket.applications (office, completed_at);
CREATE INDEX applications_office_open_due ON loket.applications (office, due)
    WHERE state = 'in_process';
CREATE INDEX incomplete_visits_office_at ON loket.incomplete_visits (office, at);
DROP INDEX loket.applications_registered;
DROP INDEX loket.applications_completed;
DROP INDEX loket.incomplete_visits_at;
)sql";

}  // namespace loket::central

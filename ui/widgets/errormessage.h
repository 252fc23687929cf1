#pragma once
#include <QString>

#include "common/error.h"

class QWidget;

namespace reclens {

// Shows a core Error as a warning box: `action` says what failed ("Could not open the project"),
// the text is the error's message (which names file, line and column), and the details list
// the error's category, file, line and column separately.
void showErrorMessage(QWidget* parent, const QString& action, const Error& error);
// The text of that box's details, for logs and tests.
QString errorDetails(const Error& error);

}  // namespace reclens

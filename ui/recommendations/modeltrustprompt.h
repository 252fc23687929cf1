#pragma once
#include <QCoreApplication>
#include <QString>

#include <functional>

#include "model/modeltrust.h"
#include "store/projectstore.h"

class QWidget;

namespace reclens {

// Asks the user before a model the project names is loaded although it lies outside the project's
// folder or changed since it was registered (docs/security.md, "Models a project names").
class ModelTrustPrompt {
  Q_DECLARE_TR_FUNCTIONS(ModelTrustPrompt)

 public:
  // The question shown: which model, every reason it is not trusted, and what loading it means.
  static QString question(const ModelTrust& trust, const ProjectStore::ModelRecord& record);
  // A modal Yes/No dialog over `parent` asking `question`; No is the default. True for Yes.
  static bool ask(QWidget* parent, const QString& question);
};

// Answers a ModelTrustPrompt question: true loads the model. Injectable so that tests can answer.
using ModelConfirmation = std::function<bool(const QString& question)>;

}  // namespace reclens

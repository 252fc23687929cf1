#include "services/modelsession.h"

#include <filesystem>

#include "audit/rerankinputs.h"
#include "services/modelvalidator.h"

namespace reclens {

ModelSession::ModelSession(std::shared_ptr<const DatasetSnapshot> snapshot,
                           std::shared_ptr<const ModelFile> model, std::string name)
    : m_snapshot(std::move(snapshot)),
      m_model(std::move(model)),
      m_name(std::move(name)),
      m_sourcePath(m_model->path()),
      m_profiles(m_snapshot->dataset(), m_model->metadata()),
      m_popularity(itemPopularity(m_snapshot->dataset().interactions, m_snapshot->itemCount())),
      m_categories(m_snapshot->itemCount(), -1),
      m_popular(popularItems(m_popularity)) {
  // A snapshot that grew while the project was open may hold items the model has no vector for.
  if (const auto n = m_model->metadata().numItems; n > 0)
    m_profiles.setItemLimit(static_cast<std::size_t>(n));
  const auto& items = m_snapshot->dataset().items;
  if (const int f = items.fieldIndex("category"); f >= 0) {
    for (std::size_t i = 0; i < items.size(); ++i)
      m_categories[i] = items.fields[static_cast<std::size_t>(f)].codeAt(i);
  }
}

std::shared_ptr<const ModelSession> ModelSession::create(std::shared_ptr<const DatasetSnapshot> snapshot,
                                                         std::shared_ptr<const ModelFile> model,
                                                         std::string name) {
  return std::shared_ptr<const ModelSession>(
      new ModelSession(std::move(snapshot), std::move(model), std::move(name)));
}

std::shared_ptr<const ModelSession> ModelSession::withSnapshot(
    std::shared_ptr<const DatasetSnapshot> grown) const {
  auto session = std::shared_ptr<ModelSession>(new ModelSession(std::move(grown), m_model, m_name));
  session->m_copy = m_copy;
  session->m_sourcePath = m_sourcePath;
  // The average user moves little with a few events, and computing it again is slow on a large
  // project: the grown session keeps the one already made.
  const std::lock_guard lock(m_backgroundMutex);
  session->m_background = m_background;
  session->m_sample = m_sample;
  return session;
}

Result<std::shared_ptr<const UserBackground>> ModelSession::userBackground(const TaskControl& control) const {
  // Held during the computation: a second caller waits and then reuses the result instead of
  // computing the same average again.
  const std::lock_guard lock(m_backgroundMutex);
  if (m_background) return m_background;
  auto background = computeUserBackground(
      *m_model, m_profiles.users(),
      [this](std::size_t user) { return m_profiles.profile(static_cast<std::int32_t>(user)); }, control);
  if (!background) return background.error();
  m_background = std::make_shared<const UserBackground>(std::move(background).value());
  return m_background;
}

Result<std::shared_ptr<const std::vector<UserBackground>>> ModelSession::userSample(
    const TaskControl& control) const {
  const std::lock_guard lock(m_backgroundMutex);
  if (m_sample) return m_sample;
  auto sample = sampleUserBackgrounds(
      *m_model, m_profiles.users(),
      [this](std::size_t user) { return m_profiles.profile(static_cast<std::int32_t>(user)); },
      kBackgroundSample, 1, control);
  if (!sample) return sample.error();
  m_sample = std::make_shared<const std::vector<UserBackground>>(std::move(sample).value());
  return m_sample;
}

Result<std::shared_ptr<const UserBackground>> ModelSession::groupBackground(
    int field, std::int32_t user, const TaskControl& control) const {
  const auto& users = m_snapshot->dataset().users;
  if (field < 0 || static_cast<std::size_t>(field) >= users.fields.size() || user < 0 ||
      static_cast<std::size_t>(user) >= users.fields[static_cast<std::size_t>(field)].size())
    return makeError(ErrorCode::InvalidArgument, "no user field " + std::to_string(field) + " or user row " +
                                                     std::to_string(user) + " to group by");
  // The group is found by its value's code: the users are scanned only the first time.
  const auto key =
      std::make_pair(field, users.fields[static_cast<std::size_t>(field)].codes()[std::size_t(user)]);
  const std::lock_guard lock(m_backgroundMutex);
  if (const auto at = m_groups.find(key); at != m_groups.end()) return at->second;
  const auto members = usersSharingValue(users, field, user);
  auto background = computeUserBackground(
      *m_model, members.size(), [&](std::size_t i) { return m_profiles.profile(members[i]); }, control);
  if (!background) return background.error();
  auto shared = std::make_shared<const UserBackground>(std::move(background).value());
  m_groups.emplace(key, shared);
  return shared;
}

Result<ModelSession::Loaded> ModelSession::loadIfTrusted(std::shared_ptr<const DatasetSnapshot> snapshot,
                                                         const ProjectStore::ModelRecord& record,
                                                         const ComputeDevice& device,
                                                         const std::string& confirmedSha256) {
  const auto& project = snapshot->projectPath();
  const std::filesystem::path given(record.path);
  const std::string source =
      given.is_relative()
          ? (std::filesystem::absolute(project).parent_path() / given).lexically_normal().string()
          : record.path;
  // Everything below reads the copy: the original may change after it was hashed, the copy cannot.
  auto copy = PrivateModelCopy::make(source);
  if (!copy) return copy.error();
  Loaded out;
  out.trust = assessModelTrust(project, record, copy.value()->sha256());
  if (!out.trust.ok() && (confirmedSha256.empty() || confirmedSha256 != out.trust.sha256)) return out;
  // A model file is code: check it in a child process first, so a hostile file cannot crash the GUI.
  if (auto s = ModelValidator().validate(QString::fromStdString(copy.value()->path())); !s)
    return copy.value()->aboutSource(s.error(), source);
  auto model = ModelFile::load(copy.value()->path(), device);
  if (!model) return copy.value()->aboutSource(model.error(), source);
  // Live events append new items at the end of the catalog: a model trained before them must match
  // the catalog as it was then, its first numItems rows.
  const auto& items = snapshot->dataset().items;
  const auto trainedItems = model.value()->metadata().numItems;
  Catalog trained;
  const Catalog* catalog = &items;
  if (trainedItems > 0 && static_cast<std::size_t>(trainedItems) < items.size()) {
    trained.ids.assign(items.ids.begin(), items.ids.begin() + trainedItems);
    catalog = &trained;
  }
  if (auto s = checkModelCatalog(model.value()->metadata(), *catalog); !s) {
    return copy.value()->aboutSource(makeError(s.error().code, s.error().message, copy.value()->path()),
                                     source);
  }
  auto session = std::shared_ptr<ModelSession>(
      new ModelSession(std::move(snapshot), std::move(model).value(), record.name));
  session->m_copy = std::move(copy).value();
  session->m_sourcePath = source;
  out.session = std::move(session);
  return out;
}

Result<std::shared_ptr<const ModelSession>> ModelSession::load(
    std::shared_ptr<const DatasetSnapshot> snapshot, const ProjectStore::ModelRecord& record,
    const ComputeDevice& device) {
  auto loaded = loadIfTrusted(std::move(snapshot), record, device);
  if (!loaded) return loaded.error();
  if (!loaded->session) {
    return makeError(ErrorCode::Schema,
                     "not loaded without confirmation: " + modelTrustReason(loaded->trust, record));
  }
  return loaded->session;
}

Result<std::vector<ProjectStore::ModelRecord>> ModelSession::registeredModels(
    const std::string& projectPath) {
  auto store = ProjectStore::open(projectPath, ProjectStore::Mode::ReadOnly);
  if (!store) return store.error();
  auto models = store.value()->models();
  if (!models) return models.error();
  // Registered paths may be relative to the project's folder.
  const auto folder = std::filesystem::absolute(std::filesystem::path(projectPath)).parent_path();
  for (auto& record : models.value()) {
    const std::filesystem::path path(record.path);
    if (path.is_relative()) record.path = (folder / path).lexically_normal().string();
  }
  return models;
}

}  // namespace reclens

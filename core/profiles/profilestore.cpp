#include "profiles/profilestore.h"

#include "lcProfiles.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace coffer::profiles {

namespace {

// Layout: [profiles] <id>/name, <id>/provider, ... plus defaultProfile at the top level.
// Ids are written without braces so the keys stay readable.
const QString kGroup = u"profiles"_s;
const QString kDefaultKey = u"defaultProfile"_s;

QString idKey(const QUuid &id)
{
    return id.toString(QUuid::WithoutBraces);
}

QString addressingName(s3::AddressingStyle style)
{
    return style == s3::AddressingStyle::PathStyle ? u"path"_s : u"virtual"_s;
}

QStringList secretIds(SecretKinds kinds)
{
    QStringList ids;
    for (SecretKind kind : {SecretKind::SecretAccessKey, SecretKind::SessionToken,
                            SecretKind::CloudflareApiToken}) {
        if (kinds.testFlag(kind))
            ids.append(secretKindId(kind));
    }
    return ids;
}

std::optional<Profile> readProfile(QSettings &s, const QString &key)
{
    s.beginGroup(key);
    Profile p;
    p.id = QUuid::fromString(key);
    const auto provider = s3::providerFromId(s.value(u"provider"_s).toString().toLatin1());
    p.name = s.value(u"name"_s).toString();
    p.endpointUrl = s.value(u"endpoint"_s).toString();
    p.region = s.value(u"region"_s).toString();
    p.addressing = s.value(u"addressing"_s).toString() == u"path" ? s3::AddressingStyle::PathStyle
                                                                   : s3::AddressingStyle::VirtualHosted;
    p.r2AccountId = s.value(u"r2AccountId"_s).toString();
    p.r2Jurisdiction = s3::r2JurisdictionFromName(s.value(u"r2Jurisdiction"_s).toString().toLatin1())
                           .value_or(s3::R2Jurisdiction::Default);
    p.singleBucket = s.value(u"singleBucket"_s, false).toBool();
    p.defaultBucket = s.value(u"defaultBucket"_s).toString();
    p.accessKeyId = s.value(u"accessKeyId"_s).toString();
    for (const QString &id : s.value(u"secrets"_s).toStringList()) {
        if (const auto kind = secretKindFromId(id))
            p.secrets |= *kind;
    }
    s.endGroup();
    if (p.id.isNull() || !provider) {
        qCWarning(lcProfiles) << "Skipping an unreadable profile entry in" << s.fileName();
        return std::nullopt;
    }
    p.provider = *provider;
    return p;
}

} // namespace

ProfileStore::ProfileStore(std::unique_ptr<QSettings> settings, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
{
    Q_ASSERT(m_settings);
}

ProfileStore::~ProfileStore() = default;

QList<Profile> ProfileStore::profiles() const
{
    QList<Profile> list;
    m_settings->beginGroup(kGroup);
    for (const QString &key : m_settings->childGroups()) {
        if (auto p = readProfile(*m_settings, key))
            list.append(*p);
    }
    m_settings->endGroup();
    std::sort(list.begin(), list.end(), [](const Profile &a, const Profile &b) {
        const int byName = a.name.compare(b.name, Qt::CaseInsensitive);
        return byName != 0 ? byName < 0 : a.id < b.id;
    });
    return list;
}

std::optional<Profile> ProfileStore::profile(const QUuid &id) const
{
    m_settings->beginGroup(kGroup);
    std::optional<Profile> found;
    if (m_settings->childGroups().contains(idKey(id)))
        found = readProfile(*m_settings, idKey(id));
    m_settings->endGroup();
    return found;
}

std::optional<StoreError> ProfileStore::add(const Profile &profile)
{
    if (this->profile(profile.id))
        return StoreError{StoreError::Code::DuplicateId,
                          u"A profile with this id is already saved. Use update() to change it."_s, {}};
    return write(profile);
}

std::optional<StoreError> ProfileStore::update(const Profile &profile)
{
    if (!this->profile(profile.id))
        return StoreError{StoreError::Code::NotFound,
                          u"The profile \"%1\" is not saved (it may have been removed). Add it "
                          "again."_s.arg(profile.name), {}};
    return write(profile);
}

std::optional<StoreError> ProfileStore::remove(const QUuid &id)
{
    if (!profile(id))
        return StoreError{StoreError::Code::NotFound,
                          u"There is no saved profile with this id; nothing was removed."_s, {}};
    m_settings->remove(kGroup % u'/' % idKey(id));
    if (defaultProfileId() == id)
        m_settings->remove(kDefaultKey);
    if (auto error = sync())
        return error;
    Q_EMIT changed();
    return std::nullopt;
}

QUuid ProfileStore::defaultProfileId() const
{
    const QUuid id = QUuid::fromString(m_settings->value(kDefaultKey).toString());
    return profile(id) ? id : QUuid();
}

std::optional<StoreError> ProfileStore::setDefaultProfileId(const QUuid &id)
{
    if (!id.isNull() && !profile(id))
        return StoreError{StoreError::Code::NotFound,
                          u"There is no saved profile with this id to make the default."_s, {}};
    if (id.isNull())
        m_settings->remove(kDefaultKey);
    else
        m_settings->setValue(kDefaultKey, idKey(id));
    if (auto error = sync())
        return error;
    Q_EMIT changed();
    return std::nullopt;
}

std::optional<StoreError> ProfileStore::write(const Profile &profile)
{
    if (const QStringList problems = profile.validate(); !problems.isEmpty()) {
        return StoreError{StoreError::Code::Invalid,
                          u"The profile \"%1\" was not saved: %2"_s.arg(profile.name, problems.first()),
                          problems};
    }
    QSettings &s = *m_settings;
    const QString group = kGroup % u'/' % idKey(profile.id);
    s.remove(group); // no stale keys from an earlier version of the profile
    s.beginGroup(group);
    s.setValue(u"name"_s, profile.name);
    s.setValue(u"provider"_s, QString::fromLatin1(s3::providerId(profile.provider)));
    s.setValue(u"endpoint"_s, profile.endpointUrl);
    s.setValue(u"region"_s, profile.region);
    s.setValue(u"addressing"_s, addressingName(profile.addressing));
    if (profile.provider == s3::Provider::CloudflareR2) {
        s.setValue(u"r2AccountId"_s, profile.r2AccountId);
        s.setValue(u"r2Jurisdiction"_s, QString::fromLatin1(s3::r2JurisdictionName(profile.r2Jurisdiction)));
    }
    s.setValue(u"singleBucket"_s, profile.singleBucket);
    s.setValue(u"defaultBucket"_s, profile.defaultBucket);
    s.setValue(u"accessKeyId"_s, profile.accessKeyId);
    s.setValue(u"secrets"_s, secretIds(profile.secrets));
    s.endGroup();
    if (auto error = sync())
        return error;
    Q_EMIT changed();
    return std::nullopt;
}

std::optional<StoreError> ProfileStore::sync()
{
    m_settings->sync();
    if (m_settings->status() == QSettings::NoError)
        return std::nullopt;
    return StoreError{StoreError::Code::WriteFailed,
                      u"The profiles could not be saved to %1. Check that the folder exists and "
                      "that you may write to it."_s.arg(m_settings->fileName()), {}};
}

} // namespace coffer::profiles

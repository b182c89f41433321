#pragma once
// The saved connection profiles: their non-secret fields in a QSettings the caller hands
// over (the app's settings file, or a temporary INI file in tests). Secrets never pass
// through here; they live in the SecretStore.

#include "profiles/profile.h"

#include <QList>
#include <QObject>
#include <QSettings>

#include <memory>
#include <optional>

namespace coffer::profiles {

struct StoreError {
    enum class Code {
        Invalid,     // the profile does not validate(); problems says why
        DuplicateId, // add() of an id that is already saved
        NotFound,    // update()/remove() of an id that is not saved
        WriteFailed, // the settings file could not be written
    };
    Code code = Code::Invalid;
    QString message;     // one sentence: what happened and what to do
    QStringList problems; // Invalid: Profile::validate()'s sentences
};

class ProfileStore : public QObject
{
    Q_OBJECT
public:
    explicit ProfileStore(std::unique_ptr<QSettings> settings, QObject *parent = nullptr);
    ~ProfileStore() override;

    // Sorted by name (case-insensitively), then id.
    QList<Profile> profiles() const;
    std::optional<Profile> profile(const QUuid &id) const;

    std::optional<StoreError> add(const Profile &profile);
    std::optional<StoreError> update(const Profile &profile);
    std::optional<StoreError> remove(const QUuid &id);

    // The profile to open at start; null when none is chosen or it was removed.
    QUuid defaultProfileId() const;
    std::optional<StoreError> setDefaultProfileId(const QUuid &id);

Q_SIGNALS:
    void changed();

private:
    std::optional<StoreError> write(const Profile &profile);
    std::optional<StoreError> sync();

    std::unique_ptr<QSettings> m_settings;
};

} // namespace coffer::profiles

#pragma once
// What the browser's models do with drags and drops, supplied by the editing actions
// (ui/interaction) so that the models stay free of transfer logic: the tree and the
// object list only work out *where* a drop lands (a bucket or a prefix) and *which*
// keys a drag carries.

#include "ui/browser/location.h"

#include <QStringList>
#include <Qt>

class QMimeData;

namespace coffer::ui {

class ObjectDragDrop
{
public:
    virtual ~ObjectDragDrop() = default;
    // The formats a drop may carry (file URLs, the private in-app format).
    virtual QStringList dropMimeTypes() const = 0;
    virtual bool canDrop(const QMimeData *data, const Location &target) const = 0;
    // Queues what the drop asks for; false when nothing could be done with it.
    virtual bool drop(const QMimeData *data, Qt::DropAction action, const Location &target) = 0;
    // The data for dragging keys (full keys) out of source; the caller owns it.
    virtual QMimeData *dragData(const Location &source, const QStringList &keys) = 0;
};

} // namespace coffer::ui

#include "ui/inspector/image_decoding.h"

#include <QBuffer>
#include <QImageReader>
#include <QPromise>
#include <QThreadPool>

#include <memory>

namespace coffer::ui {

QSize fittedSize(QSize source, QSize box)
{
    if (source.isEmpty() || box.isEmpty())
        return source;
    if (source.width() <= box.width() && source.height() <= box.height())
        return source;
    return source.scaled(box, Qt::KeepAspectRatio);
}

QFuture<QImage> decodeScaledImage(QByteArray bytes, QSize box)
{
    // QThreadPool::start takes a copyable callable: the promise travels in a shared_ptr.
    auto promise = std::make_shared<QPromise<QImage>>();
    QFuture<QImage> future = promise->future();
    promise->start();
    QThreadPool::globalInstance()->start([promise, bytes = std::move(bytes), box]() mutable {
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::ReadOnly);
        QImageReader reader(&buffer);
        reader.setAutoTransform(true); // honour EXIF orientation, as viewers do
        // Scaling inside the reader lets JPEG decode at a reduced size: less work and
        // memory. Not for quarter-turned photos: the reader scales before it rotates.
        const bool turned = reader.transformation().testFlag(QImageIOHandler::TransformationRotate90);
        const QSize size = reader.size();
        const QSize target = fittedSize(size, box);
        if (!turned && target.isValid() && target != size)
            reader.setScaledSize(target);
        QImage image = reader.read();
        if (!image.isNull() && (image.width() > box.width() || image.height() > box.height()))
            image = image.scaled(box, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        promise->addResult(std::move(image));
        promise->finish();
    });
    return future;
}

} // namespace coffer::ui

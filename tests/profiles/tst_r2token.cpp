// R2 API token -> S3 key pair: access key = token id, secret = hex SHA-256 of the value.

#include "profiles/r2token.h"

#include <QCryptographicHash>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer::profiles;

class tst_R2Token : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void keyPair_data();
    void keyPair();
    void errors_data();
    void errors();
};

void tst_R2Token::keyPair_data()
{
    QTest::addColumn<QString>("tokenId");
    QTest::addColumn<QByteArray>("tokenValue");
    QTest::addColumn<QString>("expectedId");
    QTest::addColumn<QByteArray>("hashedValue"); // what is hashed after trimming

    QTest::newRow("plain") << u"b1e2c3d4e5f6a7b8c9d0e1f2a3b4c5d6"_s << QByteArray("Zq9-tokenvalue_ABC123")
                           << u"b1e2c3d4e5f6a7b8c9d0e1f2a3b4c5d6"_s << QByteArray("Zq9-tokenvalue_ABC123");
    QTest::newRow("pasted with whitespace") << u"  id42\n"_s << QByteArray("\tvalue with inner space \n")
                                            << u"id42"_s << QByteArray("value with inner space");
}

void tst_R2Token::keyPair()
{
    QFETCH(QString, tokenId);
    QFETCH(QByteArray, tokenValue);
    QFETCH(QString, expectedId);
    QFETCH(QByteArray, hashedValue);
    R2TokenError error;
    const auto pair = r2KeyPairFromToken(tokenId, tokenValue, &error);
    QVERIFY2(pair, qPrintable(error.message));
    QCOMPARE(pair->accessKeyId, expectedId);
    // Checked against Qt's own SHA-256, a second implementation.
    QCOMPARE(pair->secretAccessKey, QCryptographicHash::hash(hashedValue, QCryptographicHash::Sha256).toHex());
    QCOMPARE(pair->secretAccessKey.size(), 64);
    QCOMPARE(pair->secretAccessKey, pair->secretAccessKey.toLower());
}

void tst_R2Token::errors_data()
{
    QTest::addColumn<QString>("tokenId");
    QTest::addColumn<QByteArray>("tokenValue");
    QTest::addColumn<R2TokenError::Field>("field");
    QTest::newRow("no id") << u" "_s << QByteArray("v") << R2TokenError::Field::TokenId;
    QTest::newRow("no value") << u"id"_s << QByteArray(" \n") << R2TokenError::Field::TokenValue;
}

void tst_R2Token::errors()
{
    QFETCH(QString, tokenId);
    QFETCH(QByteArray, tokenValue);
    QFETCH(R2TokenError::Field, field);
    R2TokenError error;
    QVERIFY(!r2KeyPairFromToken(tokenId, tokenValue, &error));
    QCOMPARE(error.field, field);
    QVERIFY(!error.message.isEmpty());
    QVERIFY(!r2KeyPairFromToken(tokenId, tokenValue)); // no error pointer: still refuses
}

QTEST_GUILESS_MAIN(tst_R2Token)
#include "tst_r2token.moc"

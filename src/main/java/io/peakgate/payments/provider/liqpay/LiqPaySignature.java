package io.peakgate.payments.provider.liqpay;

import io.peakgate.platform.security.Signatures;

import java.util.Base64;

/** LiqPay's signature: base64(sha1(private_key + data + private_key)) over the data string as sent. */
final class LiqPaySignature {

    private LiqPaySignature() {
    }

    static String of(String privateKey, String data) {
        return Base64.getEncoder().encodeToString(Signatures.digest("SHA-1", privateKey + data + privateKey));
    }
}

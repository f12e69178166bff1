//! Every service skewcheck knows: its limits, what its clients see when refused, and where
//! the numbers come from ([`Service::citation`]).

use super::service::{Citation, Limit, Service, Symptom, Tolerance};
use std::borrow::Cow;

const S3_SKEW: Symptom = Symptom {
    code: "RequestTimeTooSkewed",
    message: "The difference between the request time and the current time is too large.",
};
const KRB_SKEW: Symptom = Symptom {
    code: "KRB_AP_ERR_SKEW",
    message: "Clock skew too great",
};
const GOOGLE_JWT: Symptom = Symptom {
    code: "invalid_grant",
    message: "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe",
};
const AZURE_TIME_FRAME: Symptom = Symptom {
    code: "403 AuthenticationFailed",
    message: "Signature not valid in the specified time frame",
};

/// Amazon S3 with Signature Version 4: 15 minutes either way (`MaxAllowedSkewMilliseconds`
/// 900000 in its error response).
pub const AMAZON_S3: Service = Service {
    id: Cow::Borrowed("s3"),
    name: Cow::Borrowed("Amazon S3"),
    tolerance: Tolerance::symmetric(900_000),
    when_fast: S3_SKEW,
    when_slow: S3_SKEW,
    note: "Every signed request carries the device's time; S3 refuses it when that time is more than 15 min from its own.",
    citation: Citation::Vendor(
        "https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html (error code RequestTimeTooSkewed; also boto/boto#1399)",
    ),
};

/// Every service skewcheck knows, the default first.
pub const SERVICES: [Service; 10] = [
    AMAZON_S3,
    Service {
        id: Cow::Borrowed("aws"),
        name: Cow::Borrowed("Other AWS services (STS, EC2, API Gateway, …)"),
        tolerance: Tolerance::typically(300_000),
        when_fast: Symptom {
            code: "InvalidSignatureException",
            message: "Signature not yet current: … is still later than … (… + 5 min.)",
        },
        when_slow: Symptom {
            code: "InvalidSignatureException",
            message: "Signature expired: … is now earlier than … (… - 5 min.)",
        },
        note: "Most AWS APIs allow 5 min; a few allow 15.",
        citation: Citation::Typical(
            "typical, not documented per service: https://docs.aws.amazon.com/IAM/latest/UserGuide/signing-elements.html says a signature expires within 5 min; a few services allow 15",
        ),
    },
    Service {
        id: Cow::Borrowed("azure-sharedkey"),
        name: Cow::Borrowed("Azure Storage (Shared Key)"),
        tolerance: Tolerance {
            ahead: Some(Limit::typical(900_000)),
            behind: Some(Limit::documented(900_000)),
        },
        when_fast: Symptom {
            code: "403 AuthenticationFailed",
            message: "",
        },
        when_slow: Symptom {
            code: "403 AuthenticationFailed",
            message: "Request date header too old",
        },
        note: "A request's date may be at most 15 min old; Microsoft does not document the future side.",
        citation: Citation::Vendor(
            "https://learn.microsoft.com/en-us/rest/api/storageservices/authorize-with-shared-key (15 min, the slow side); typical, not documented: the fast side",
        ),
    },
    Service {
        id: Cow::Borrowed("azure-sas"),
        name: Cow::Borrowed("Azure Storage SAS with a start time"),
        tolerance: Tolerance {
            ahead: Some(Limit::documented(0)),
            behind: None,
        },
        when_fast: AZURE_TIME_FRAME,
        when_slow: AZURE_TIME_FRAME,
        note: "A SAS start time (st) gets no grace: from a fast device it lies in the future. Microsoft advises omitting st or backdating it 15 min.",
        citation: Citation::Vendor(
            "https://learn.microsoft.com/en-us/azure/storage/common/storage-sas-overview (advises omitting st or backdating it 15 min)",
        ),
    },
    Service {
        id: Cow::Borrowed("gcs"),
        name: Cow::Borrowed("Google Cloud Storage signed URLs"),
        tolerance: Tolerance::typically(900_000),
        when_fast: Symptom {
            code: "400 ExpiredToken",
            message: "",
        },
        when_slow: Symptom {
            code: "400 ExpiredToken",
            message: "",
        },
        note: "Google does not document a skew allowance; a slow signer's URLs also expire early.",
        citation: Citation::Typical(
            "typical, not documented: Google documents no clock-skew allowance for signed URLs",
        ),
    },
    Service {
        id: Cow::Borrowed("google-oauth"),
        name: Cow::Borrowed("Google OAuth service accounts (JWT bearer)"),
        tolerance: Tolerance {
            ahead: Some(Limit::typical(300_000)),
            behind: Some(Limit::documented(3_600_000)),
        },
        when_fast: GOOGLE_JWT,
        when_slow: GOOGLE_JWT,
        note: "The signed token is valid for at most 60 min from the device's idea of now.",
        citation: Citation::Vendor(
            "https://developers.google.com/identity/protocols/oauth2/service-account (60 min, the slow side); typical, not documented: the fast side",
        ),
    },
    Service {
        id: Cow::Borrowed("kerberos"),
        name: Cow::Borrowed("Kerberos (Active Directory sign-in)"),
        tolerance: Tolerance::symmetric(300_000),
        when_fast: KRB_SKEW,
        when_slow: KRB_SKEW,
        note: "Kerberos refuses tickets from clocks more than 5 min off (the default clockskew).",
        citation: Citation::Vendor(
            "krb5.conf(5) clockskew, default 300 s: https://web.mit.edu/kerberos/krb5-latest/doc/admin/conf_files/krb5_conf.html",
        ),
    },
    Service {
        id: Cow::Borrowed("totp"),
        name: Cow::Borrowed("Authenticator codes (TOTP)"),
        tolerance: Tolerance::typically(30_000),
        when_fast: Symptom {
            code: "invalid code",
            message: "",
        },
        when_slow: Symptom {
            code: "invalid code",
            message: "",
        },
        note: "Codes change every 30 s; servers usually accept one step either side.",
        citation: Citation::Typical(
            "typical, not documented per server: RFC 6238 section 5.2 recommends one 30 s step either side, https://www.rfc-editor.org/rfc/rfc6238#section-5.2",
        ),
    },
    Service {
        id: Cow::Borrowed("jwt"),
        name: Cow::Borrowed("JWT validation (no leeway)"),
        tolerance: Tolerance::symmetric(0),
        when_fast: Symptom {
            code: "jwt expired",
            message: "",
        },
        when_slow: Symptom {
            code: "jwt not active",
            message: "",
        },
        note: "jsonwebtoken and PyJWT allow 0 s by default, Microsoft IdentityModel 300 s; set ?limit= to your library's value.",
        citation: Citation::Vendor(
            "library defaults, in their sources: jsonwebtoken and PyJWT leeway 0 s; Microsoft IdentityModel 300 s",
        ),
    },
    Service {
        id: Cow::Borrowed("tls"),
        name: Cow::Borrowed("Secure websites (TLS certificates)"),
        tolerance: Tolerance {
            ahead: None,
            behind: Some(Limit::typical(3_600_000)),
        },
        when_fast: Symptom {
            code: "NET::ERR_CERT_DATE_INVALID",
            message: "",
        },
        when_slow: Symptom {
            code: "NET::ERR_CERT_DATE_INVALID",
            message: "Your connection is not private (MOZILLA_PKIX_ERROR_NOT_YET_VALID_CERTIFICATE in Firefox)",
        },
        note: "A freshly issued certificate is typically valid from about 1 h before issue: a device further behind sees it as not yet valid.",
        citation: Citation::Typical(
            "typical, not documented: Let's Encrypt certificates are valid from about 1 h before issue (letsencrypt/boulder#8012)",
        ),
    },
];

/// Looks a service up by its [`Service::id`], case-insensitively.
pub fn service_by_id(id: &str) -> Option<&'static Service> {
    SERVICES
        .iter()
        .find(|service| service.id.eq_ignore_ascii_case(id))
}

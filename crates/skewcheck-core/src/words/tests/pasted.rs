//! A decoded paste in words: labels, caveats, the fix and the form names.

use crate::pasted::{Caveat, Form, StampLabel};
use crate::words::{caveat_words, form_name, paste_fix_intro, stamp_label_words};

#[test]
fn labels_name_fields_as_the_error_does() {
    assert_eq!(
        stamp_label_words(StampLabel::Field("RequestTime")),
        "RequestTime"
    );
    assert_eq!(
        stamp_label_words(StampLabel::DeviceMeasured),
        "this device's measured time"
    );
    assert_eq!(
        stamp_label_words(StampLabel::DeviceUnmeasured),
        "this device's clock (not measured yet)"
    );
}

#[test]
fn caveats_and_the_fix_read_as_they_always_did() {
    assert_eq!(
        caveat_words(Caveat::Retried),
        "A request retried with its old signature (after a slow upload, say) looks slow by the time it waited; otherwise this is the signer's clock."
    );
    assert!(caveat_words(Caveat::Waited).starts_with("A presigned URL can be used any time"));
    assert_eq!(
        caveat_words(Caveat::DeviceNotMeasured),
        "This device's clock has not been measured yet: the comparison trusts it as it stands."
    );
    assert_eq!(
        paste_fix_intro(),
        "On the machine that signed the request — for a Linux server:"
    );
    assert_eq!(form_name(Form::S3Skew), "S3 RequestTimeTooSkewed");
}

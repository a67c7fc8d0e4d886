use super::*;

const ID: &str = "11010519491231002X";
const MOBILE: &str = "13800000001";

fn rotated() -> Vault {
    let (text, id) = keyfile::with_new_data_key(keyfile::TEST_KEYS).expect("adds a key");
    assert_eq!(id, "k1");
    Vault::from_key_text(&text).expect("parses")
}

#[test]
fn a_sealed_value_opens_to_the_original_and_shows_no_digits() {
    let vault = Vault::for_tests();
    for (field, plain) in [(Field::IdNumber, ID), (Field::Mobile, MOBILE)] {
        let sealed = vault.seal(field, plain);
        assert!(sealed.starts_with("v1:test1:"), "{sealed}");
        assert!(!sealed.contains(plain));
        assert_eq!(vault.open(field, &sealed), Ok(plain.to_owned()));
    }
}

#[test]
fn the_same_value_seals_differently_each_time() {
    let vault = Vault::for_tests();
    assert_ne!(
        vault.seal(Field::Mobile, MOBILE),
        vault.seal(Field::Mobile, MOBILE)
    );
}

#[test]
fn a_sealed_mobile_does_not_open_as_an_id_number() {
    let vault = Vault::for_tests();
    let sealed = vault.seal(Field::Mobile, MOBILE);
    assert_eq!(
        vault.open(Field::IdNumber, &sealed),
        Err(VaultError::Tampered)
    );
}

#[test]
fn a_changed_byte_is_detected() {
    let vault = Vault::for_tests();
    let sealed = vault.seal(Field::Mobile, MOBILE);
    let mut bytes = sealed.into_bytes();
    let last = bytes.len() - 1;
    bytes[last] = if bytes[last] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(bytes).expect("ascii");
    assert_eq!(
        vault.open(Field::Mobile, &tampered),
        Err(VaultError::Tampered)
    );
}

#[test]
fn plaintext_from_before_encryption_reads_as_it_is() {
    assert_eq!(
        Vault::for_tests().open(Field::Mobile, MOBILE),
        Ok(MOBILE.to_owned())
    );
}

#[test]
fn old_keys_still_open_and_the_newest_seals() {
    let old = Vault::for_tests();
    let sealed_old = old.seal(Field::IdNumber, ID);
    let new = rotated();
    assert_eq!(new.active_key_id(), "k1");
    assert_eq!(new.open(Field::IdNumber, &sealed_old), Ok(ID.to_owned()));
    assert!(!new.is_current(&sealed_old));
    let resealed = new.reseal(Field::IdNumber, &sealed_old).expect("reseals");
    assert!(new.is_current(&resealed));
    assert_eq!(new.open(Field::IdNumber, &resealed), Ok(ID.to_owned()));
    assert_eq!(
        old.open(Field::IdNumber, &resealed),
        Err(VaultError::UnknownKey("k1".into()))
    );
}

#[test]
fn the_blind_index_is_stable_normalised_and_separate_per_field() {
    let vault = Vault::for_tests();
    assert_eq!(
        vault.index(Field::Mobile, MOBILE),
        vault.index(Field::Mobile, "138 0000 0001")
    );
    assert_eq!(
        vault.index(Field::IdNumber, ID),
        vault.index(Field::IdNumber, &ID.to_lowercase())
    );
    assert_ne!(
        vault.index(Field::Mobile, MOBILE),
        vault.index(Field::IdNumber, MOBILE)
    );
    // Rotating data keys leaves the index alone.
    assert_eq!(
        vault.index(Field::Mobile, MOBILE),
        rotated().index(Field::Mobile, MOBILE)
    );
}

#[test]
fn json_personal_fields_are_sealed_at_any_depth_and_opened_back() {
    let vault = Vault::for_tests();
    let doc = format!(
        r#"{{"form":{{"mobile":"{MOBILE}","id_number":"{ID}","name":"张三"}},"members":[{{"id_number":"{ID}"}},{{"id_number":null}}],"note":"{MOBILE}"}}"#
    );
    let sealed = vault.seal_json(&doc).expect("seals");
    assert_eq!(sealed.matches("v1:test1:").count(), 3, "{sealed}");
    assert!(sealed.contains("张三"));
    let opened: serde_json::Value =
        serde_json::from_str(&vault.open_json(&sealed).expect("opens")).expect("json");
    let original: serde_json::Value = serde_json::from_str(&doc).expect("json");
    assert_eq!(opened, original);
    assert!(!vault.json_needs_reseal(&sealed).expect("reads"));
    assert!(vault.json_needs_reseal(&doc).expect("reads"));
    assert!(rotated().json_needs_reseal(&sealed).expect("reads"));
}

#[test]
fn a_document_without_personal_fields_is_kept_byte_for_byte() {
    let vault = Vault::for_tests();
    let doc = r#"{"b":1,"a":[{"mobile":""}]}"#;
    assert_eq!(vault.seal_json(doc).expect("seals"), doc);
}

#[test]
fn key_texts_are_checked_line_by_line() {
    let good = keyfile::generate();
    assert!(Vault::from_key_text(&good).is_ok());
    for (text, error) in [
        ("", KeyFileError::NoIndexKey),
        (
            "index AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n",
            KeyFileError::NoDataKey,
        ),
        ("index c2hvcnQ=\n", KeyFileError::BadKey(1)),
        ("# c\nsecret x y z\n", KeyFileError::BadLine(2)),
        (
            "data a:b AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n",
            KeyFileError::BadId(1),
        ),
    ] {
        assert_eq!(Vault::from_key_text(text).err(), Some(error), "{text}");
    }
    let twice = format!(
        "{}data test1 {}\n",
        keyfile::TEST_KEYS,
        "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
    );
    assert_eq!(
        Vault::from_key_text(&twice).err(),
        Some(KeyFileError::DuplicateId(3, "test1".into()))
    );
}

#[test]
fn debug_output_names_key_ids_only() {
    let shown = format!("{:?}", Vault::for_tests());
    assert!(shown.contains("test1"));
    assert!(!shown.contains("ICEi"));
}

#[test]
fn a_new_index_key_indexes_new_values_and_every_key_is_searched() {
    let old = Vault::for_tests();
    let (text, id) = keyfile::with_new_index_key(keyfile::TEST_KEYS).expect("new index key");
    assert_eq!(id, "i2");
    let new = Vault::from_key_text(&text).expect("keys");
    assert_ne!(
        new.index(Field::Mobile, MOBILE),
        old.index(Field::Mobile, MOBILE)
    );
    assert_eq!(
        new.indexes(Field::Mobile, MOBILE),
        vec![
            new.index(Field::Mobile, MOBILE),
            old.index(Field::Mobile, MOBILE)
        ],
        "newest first, the old one still searched"
    );
    assert_eq!(old.indexes(Field::Mobile, MOBILE).len(), 1);
    // A new index key starts a new rotation; data keys are untouched.
    assert_eq!(old.rotation_id(), "test1");
    assert_eq!(new.rotation_id(), "test1+i2");
    assert_eq!(new.active_key_id(), "test1");
    let (third, id) = keyfile::with_new_index_key(&text).expect("another");
    assert_eq!(id, "i3");
    assert_eq!(
        Vault::from_key_text(&third).expect("keys").rotation_id(),
        "test1+i3"
    );
    let twice = format!("{text}index i2 AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n");
    assert!(matches!(
        Vault::from_key_text(&twice),
        Err(KeyFileError::DuplicateId(_, _))
    ));
}

package dev.ferry.transfer;

/** The variables of a {@code package-transfer}, besides the migration's own. */
public final class TransferVariables {

  public static final String SOURCE_MIGRATION_ID = "sourceMigrationId";
  public static final String SOURCE_PACKAGE_ID = "sourcePackageId";
  public static final String STORED_PACKAGE = "storedPackage";
  public static final String PACKAGE_SIZE = "packageSize";
  public static final String PACKAGE_SHA256 = "packageSha256";
  public static final String FILE_ID = "fileId";

  private TransferVariables() {
  }
}
